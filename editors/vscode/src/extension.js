'use strict';
// The avglint extension: highlighting comes from the grammar (package.json); this
// client folds blocks and runs `avglint lsp` over stdio, restarting it when the
// settings that choose or configure the server change.

const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');
const { serverCommand, ServerNotFound } = require('./server');
const { braceFoldingRanges } = require('./folding');

// `avglint.trace.server` is read by the language client itself and needs no restart.
const RESTART_SETTINGS = ['avglint.path', 'avglint.interpreter', 'avglint.lang'];

let client;

function readSettings() {
    const config = vscode.workspace.getConfiguration('avglint');
    return {
        path: config.get('path', ''),
        interpreter: config.get('interpreter', ''),
        lang: config.get('lang', ''),
    };
}

async function showProblem(message) {
    const choice = await vscode.window.showErrorMessage(message, 'Open Settings');
    if (choice === 'Open Settings') {
        await vscode.commands.executeCommand('workbench.action.openSettings', 'avglint');
    }
}

async function startServer() {
    let server;
    try {
        server = serverCommand(readSettings());
    } catch (error) {
        if (error instanceof ServerNotFound) {
            showProblem(error.message);
            return;
        }
        throw error;
    }
    client = new LanguageClient('avglint', 'avglint', {
        command: server.command,
        args: server.args,
        options: { env: server.env },
    }, {
        documentSelector: [
            { scheme: 'file', language: 'avg' },
            { scheme: 'untitled', language: 'avg' },
        ],
        synchronize: {
            // The register's configuration and its other files change what a document's findings are.
            fileEvents: vscode.workspace.createFileSystemWatcher('**/{.avglint.yaml,pyproject.toml,*.avg}'),
        },
    });
    try {
        await client.start();
    } catch (error) {
        client = undefined;
        showProblem(`avglint could not start its language server (${server.command} ${server.args.join(' ')}): ` +
            `${error.message}. The server needs an avglint with the lsp extra: pip install 'avglint[lsp]'.`);
    }
}

async function stopServer() {
    if (client) {
        const running = client;
        client = undefined;
        await running.stop();
    }
}

async function activate(context) {
    context.subscriptions.push(
        vscode.languages.registerFoldingRangeProvider({ language: 'avg' }, {
            provideFoldingRanges(document) {
                return braceFoldingRanges(document.getText())
                    .map(({ start, end }) => new vscode.FoldingRange(start, end));
            },
        }),
        vscode.workspace.onDidChangeConfiguration(async (event) => {
            if (RESTART_SETTINGS.some((name) => event.affectsConfiguration(name))) {
                await stopServer();
                await startServer();
            }
        }),
        vscode.commands.registerCommand('avglint.restart', async () => {
            await stopServer();
            await startServer();
        }),
    );
    await startServer();
}

function deactivate() {
    return stopServer();
}

module.exports = { activate, deactivate };

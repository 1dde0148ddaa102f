'use strict';
// How to start `avglint lsp` from the extension's settings. Plain Node (no `vscode`
// module), so that tests/server.test.js can run it outside the editor.

const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const INSTALL_HINT = "Install it with `pip install 'avglint[lsp]'`, or set `avglint.path` " +
    'or `avglint.interpreter`.';

class ServerNotFound extends Error {}

function isExecutable(file) {
    try {
        fs.accessSync(file, process.platform === 'win32' ? fs.constants.F_OK : fs.constants.X_OK);
        return fs.statSync(file).isFile();
    } catch {
        return false;
    }
}

// The first `name` on PATH (with the PATHEXT extensions on Windows), or undefined.
function findOnPath(name, env) {
    const extensions = process.platform === 'win32'
        ? (env.PATHEXT || '.EXE;.CMD;.BAT').split(';').filter(Boolean)
        : [''];
    for (const dir of (env.PATH || '').split(path.delimiter).filter(Boolean)) {
        for (const extension of extensions) {
            const candidate = path.join(dir, name + extension);
            if (isExecutable(candidate)) {
                return candidate;
            }
        }
    }
    return undefined;
}

// settings: {path, interpreter, lang} as in package.json's `avglint.*` configuration.
// Returns {command, args, env} for `avglint lsp`, or throws ServerNotFound with a
// message for the user.
function serverCommand(settings, env = process.env) {
    const serverEnv = { ...env };
    if (settings.lang) {
        serverEnv.AVGLINT_LANG = settings.lang;  // the CLI's own variable for the message language
    }
    if (settings.interpreter) {
        const interpreter = settings.interpreter;
        if (!isExecutable(interpreter)) {
            throw new ServerNotFound(`avglint.interpreter: ${interpreter} is not an executable file.`);
        }
        const probe = spawnSync(interpreter, ['-c', 'import avglint'], { env: serverEnv, timeout: 30000 });
        if (probe.status !== 0) {
            throw new ServerNotFound(`avglint is not installed for ${interpreter}. ${INSTALL_HINT}`);
        }
        return { command: interpreter, args: ['-m', 'avglint', 'lsp'], env: serverEnv };
    }
    if (settings.path) {
        if (!isExecutable(settings.path)) {
            throw new ServerNotFound(`avglint.path: ${settings.path} is not an executable file.`);
        }
        return { command: settings.path, args: ['lsp'], env: serverEnv };
    }
    const found = findOnPath('avglint', env);
    if (!found) {
        throw new ServerNotFound(`avglint was not found on PATH. ${INSTALL_HINT}`);
    }
    return { command: found, args: ['lsp'], env: serverEnv };
}

module.exports = { serverCommand, ServerNotFound };

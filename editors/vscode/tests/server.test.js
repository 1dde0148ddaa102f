'use strict';
// The server command chosen from the settings (src/server.js), with stand-in executables.

const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { serverCommand, ServerNotFound } = require('../src/server');

// Every stand-in lives below one directory, removed when the tests end (each run used to leave its own).
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'avglint-vscode-'));
test.after(() => fs.rmSync(root, { recursive: true, force: true }));

function tempDir() {
    return fs.mkdtempSync(path.join(root, 'case-'));
}

function script(dir, name, body) {
    const file = path.join(dir, name);
    fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
    return file;
}

const skipOnWindows = { skip: process.platform === 'win32' && 'uses POSIX shell scripts as stand-ins' };

test('avglint from PATH when nothing is set', skipOnWindows, () => {
    const dir = tempDir();
    const avglint = script(dir, 'avglint', 'exit 0');
    const server = serverCommand({ path: '', interpreter: '', lang: '' }, { PATH: dir });
    assert.deepStrictEqual([server.command, server.args], [avglint, ['lsp']]);
    assert.strictEqual(server.env.AVGLINT_LANG, undefined);
});

test('a clear message when avglint is not on PATH', () => {
    assert.throws(() => serverCommand({ path: '', interpreter: '', lang: '' }, { PATH: tempDir() }),
        (error) => error instanceof ServerNotFound && /not found on PATH/.test(error.message)
            && /pip install 'avglint\[lsp\]'/.test(error.message));
});

test('avglint.path names the executable', skipOnWindows, () => {
    const avglint = script(tempDir(), 'my-avglint', 'exit 0');
    const server = serverCommand({ path: avglint, interpreter: '', lang: 'nl' }, { PATH: '' });
    assert.deepStrictEqual([server.command, server.args], [avglint, ['lsp']]);
    assert.strictEqual(server.env.AVGLINT_LANG, 'nl');
});

test('avglint.path that is not an executable file', () => {
    const missing = path.join(tempDir(), 'avglint');
    assert.throws(() => serverCommand({ path: missing, interpreter: '', lang: '' }, {}),
        (error) => error instanceof ServerNotFound && error.message.includes(missing));
});

test('avglint.interpreter runs -m avglint and wins over avglint.path', skipOnWindows, () => {
    const dir = tempDir();
    const python = script(dir, 'python', 'exit 0');  // "import avglint" succeeds
    const server = serverCommand({ path: script(dir, 'avglint', 'exit 0'), interpreter: python, lang: 'en' }, {});
    assert.deepStrictEqual([server.command, server.args], [python, ['-m', 'avglint', 'lsp']]);
    assert.strictEqual(server.env.AVGLINT_LANG, 'en');
});

test('avglint.interpreter without avglint installed', skipOnWindows, () => {
    const python = script(tempDir(), 'python', 'exit 1');  // "import avglint" fails
    assert.throws(() => serverCommand({ path: '', interpreter: python, lang: '' }, {}),
        (error) => error instanceof ServerNotFound && /not installed for/.test(error.message));
});

'use strict';
// Prints, as JSON, what the grammar marks as block kinds, block names and keys in the
// given .avg files: {file: [[line, kind|name|key, text], ...]}, adjacent tokens of one
// category on a line joined. tests/test_editors.py compares that with avglint's parser.

const fs = require('fs');
const path = require('path');
const oniguruma = require('vscode-oniguruma');
const textmate = require('vscode-textmate');

const CATEGORIES = [
    ['keyword.other.block', 'kind'],
    ['entity.name.type.block', 'name'],
    ['support.type.property-name.avg', 'key'],
    ['variable.other.property.avg', 'key'],
];

function categoryOf(scopes) {
    for (const [prefix, category] of CATEGORIES) {
        if (scopes.some((scope) => scope.startsWith(prefix))) {
            return category;
        }
    }
    return undefined;
}

async function main(files) {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
    await oniguruma.loadWASM(wasm);
    const registry = new textmate.Registry({
        onigLib: Promise.resolve({
            createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
            createOnigString: (text) => new oniguruma.OnigString(text),
        }),
        loadGrammar: async () => textmate.parseRawGrammar(
            fs.readFileSync(path.join(__dirname, '..', 'syntaxes', 'avg.tmLanguage.json'), 'utf8'),
            'avg.tmLanguage.json'),
    });
    const grammar = await registry.loadGrammar('source.avg');
    const result = {};
    for (const file of files) {
        const marks = [];
        let stack = textmate.INITIAL;
        fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).forEach((line, index) => {
            const { tokens, ruleStack } = grammar.tokenizeLine(line, stack);
            stack = ruleStack;
            let previous;
            for (const token of tokens) {
                const category = categoryOf(token.scopes);
                const text = line.slice(token.startIndex, token.endIndex);
                if (category && previous && previous[1] === category && previous.end === token.startIndex) {
                    previous[2] += text;
                    previous.end = token.endIndex;
                } else if (category) {
                    previous = [index + 1, category, text];
                    previous.end = token.endIndex;
                    marks.push(previous);
                } else {
                    previous = undefined;
                }
            }
        });
        result[file] = marks;
    }
    process.stdout.write(JSON.stringify(result));
}

main(process.argv.slice(2)).catch((error) => {
    console.error(error);
    process.exit(1);
});

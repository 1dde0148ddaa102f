'use strict';
// Folding blocks on their braces (src/folding.js).

const test = require('node:test');
const assert = require('node:assert');
const { braceFoldingRanges } = require('../src/folding');

test('nested blocks fold from their { line to the line before their }', () => {
    const text = [
        'groep "Klanten" {',         // 0
        '    verwerking "A" {',      // 1
        '        doel: x',           // 2
        '    }',                     // 3
        '    verwerker "B" { land: NL }',  // 4: one line, nothing to fold
        '}',                         // 5
    ].join('\n');
    assert.deepStrictEqual(braceFoldingRanges(text), [{ start: 1, end: 2 }, { start: 0, end: 4 }]);
});

test('braces in quoted strings and comments do not count', () => {
    const text = [
        'verwerking "een { naam" {',          // 0
        '    doel: "tekst met } en \\" en',   // 1: a string that spans lines, with an escaped quote
        '    nog } meer"   # en { hier',      // 2
        '    bron: x',                        // 3
        '}',                                  // 4
    ].join('\n');
    assert.deepStrictEqual(braceFoldingRanges(text), [{ start: 0, end: 3 }]);
});

test('an unclosed block folds nothing and does not throw', () => {
    assert.deepStrictEqual(braceFoldingRanges('verwerking "A" {\n    doel: x\n'), []);
});

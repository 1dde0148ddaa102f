'use strict';
// Folding ranges for blocks: from the line of a `{` to the line before its `}`.
// Braces inside quoted strings (which may span lines and hold \" escapes) and in
// comments do not count. Plain Node, tested by tests/folding.test.js.

function braceFoldingRanges(text) {
    const ranges = [];
    const open = [];  // line numbers of the unclosed `{`
    let line = 0;
    let inString = false;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === '\n') {
            line++;
        } else if (inString) {
            if (c === '\\' && text[i + 1] !== '\n') {
                i++;  // the escaped character (a line break still counts as one)
            } else if (c === '"') {
                inString = false;
            }
        } else if (c === '"') {
            inString = true;
        } else if (c === '#') {
            const end = text.indexOf('\n', i);
            i = (end === -1 ? text.length : end) - 1;
        } else if (c === '{') {
            open.push(line);
        } else if (c === '}' && open.length) {
            const start = open.pop();
            if (line - 1 > start) {
                ranges.push({ start, end: line - 1 });
            }
        }
    }
    return ranges;
}

module.exports = { braceFoldingRanges };

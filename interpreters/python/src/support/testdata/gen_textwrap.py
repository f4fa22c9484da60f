# Generates textwrap.txt: blocks "header\x1ftext\x1fexpected" separated by "\n\x1e\n".
import random, textwrap
random.seed(99)
words = ['the', 'quick', 'brown', 'fox', 'jumps', 'over', 'lazy', 'dog.', 'well-known', 'state-of-the-art',
         'e-mail', 'X-ray', 'a--b', 'hello--world', 'supercalifragilisticexpialidocious', '--', '-x', 'x-',
         'Mr.', 'end!', '"quoted."', 'tab\there', 'new\nline', 'naïve', 'café-au-lait', '123-456', 'a-b-c-d-e',
         'ab-cd', 'http://example.com/very/long/path/name', '', 'word,', "it's", 'über—dash', 'x' * 25]
blocks = []
for _ in range(160):
    n = random.randint(0, 25)
    text = ''.join(random.choice(words) + random.choice([' ', ' ', '  ', '\t', '\n', ' ']) for _ in range(n))
    width = random.choice([1, 3, 5, 8, 10, 12, 15, 20, 30, 40, 70])
    opts = random.sample(['nohyphen', 'nobreak', 'keepws', 'sentences', 'indent', 'max=1', 'max=2', 'max=3'], random.randint(0, 3))
    if 'max=1' in opts and 'max=2' in opts: opts.remove('max=2')
    kw = {}
    for o in opts:
        if o == 'nohyphen': kw['break_on_hyphens'] = False
        elif o == 'nobreak': kw['break_long_words'] = False
        elif o == 'keepws': kw['drop_whitespace'] = False
        elif o == 'sentences': kw['fix_sentence_endings'] = True
        elif o == 'indent': kw['initial_indent'] = '* '; kw['subsequent_indent'] = '  '
        elif o.startswith('max='): kw['max_lines'] = int(o[4:])
    kind = 'shorten' if random.random() < 0.15 else 'wrap'
    try:
        if kind == 'wrap':
            out = '|'.join(textwrap.TextWrapper(width=width, **kw).wrap(text))
        else:
            kw.pop('max_lines', None)
            opts = [o for o in opts if not o.startswith('max=')]
            out = textwrap.shorten(text, width, **kw)
    except ValueError as e:
        out = '!' + str(e)
    blocks.append(' '.join([kind, str(width)] + opts) + '\x1f' + text + '\x1f' + out)
for _ in range(40):
    lines = []
    for _ in range(random.randint(0, 6)):
        lines.append(random.choice(['', ' ', '\t', '    ', '  \t', '\t  ']) + random.choice(['', 'a', 'b c', '  x']) )
    text = '\n'.join(lines) + random.choice(['', '\n'])
    blocks.append('dedent\x1f' + text + '\x1f' + textwrap.dedent(text))
    blocks.append('indent\x1f' + text + '\x1f' + textwrap.indent(text, '> '))
open('textwrap.txt', 'w').write('\n\x1e\n'.join(blocks) + '\n\x1e\n')

import textwrap, random
random.seed(99)
words = ['the', 'quick', 'brown', 'fox', 'jumps', 'over', 'lazy', 'dog.', 'well-known', 'state-of-the-art',
         'e-mail', 'X-ray', 'a--b', 'hello--world', 'supercalifragilisticexpialidocious', '--', '-x', 'x-',
         'Mr.', 'end!', '"quoted."', 'tab\there', 'new\nline', 'naïve', 'café-au-lait', '123-456', 'a-b-c-d-e',
         'ab-cd', 'http://example.com/very/long/path/name', '', 'word,', "it's", 'über—dash', 'x' * 25]
for _ in range(300):
    text = ''.join(random.choice(words) + random.choice([' ', ' ', '  ', '\t', '\n', ' ']) for _ in range(random.randint(0, 25)))
    width = random.choice([1, 3, 5, 8, 10, 12, 15, 20, 30, 40, 70])
    kw = {}
    for o in random.sample(['nohyphen', 'nobreak', 'keepws', 'sentences', 'indent', 'max'], random.randint(0, 3)):
        if o == 'nohyphen': kw['break_on_hyphens'] = False
        elif o == 'nobreak': kw['break_long_words'] = False
        elif o == 'keepws': kw['drop_whitespace'] = False
        elif o == 'sentences': kw['fix_sentence_endings'] = True
        elif o == 'indent': kw['initial_indent'] = '* '; kw['subsequent_indent'] = '  '
        else: kw['max_lines'] = random.randint(1, 3)
    if 'initial_indent' in kw and width < 3:
        # CPython loops forever when the indent leaves no room and whitespace is kept.
        width += 3
    try:
        print(textwrap.wrap(text, width, **kw))
    except ValueError as e:
        print('ValueError', e)
    kw.pop('max_lines', None)
    try:
        print(repr(textwrap.shorten(text, width + 10, **kw)))
    except ValueError as e:
        print('ValueError', e)
print(textwrap.fill('The textwrap module provides some convenience functions, as well as TextWrapper.', width=30))
for t in ['  a\n    b\n  c', '\ta\n\t\tb', '  x\n\n   \n  y', 'no indent\n  x', '   \n   ']:
    print(repr(textwrap.dedent(t)), repr(textwrap.indent(t, '> ')), repr(textwrap.indent(t, '+', lambda l: True)))

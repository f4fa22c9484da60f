# Generates strings.txt: "method\targs-json\texpected-json" lines from CPython 3.11's str methods.
import json, random
random.seed(7)
alphabet = ['a', 'b', 'A', 'B', ' ', '  ', '\t', '\n', '\r\n', '\r', 'x-y', ',', 'é', 'Σ', 'ß', 'ǆ', '1', '²', '\u2028',
            '\x1c', '\u3000', "'", '"', '\\', '\x00', '\x7f', '😀', 'İ', 'ﬁ', '.', 'aΣ', 'Σ ']
def rs(n=8):
    return ''.join(random.choice(alphabet) for _ in range(random.randint(0, n)))
seps = [None, ',', 'a', 'ab', ' ', '\n', 'Σ', 'x-y']
lines = []
def add(name, args, f):
    try:
        out = f()
        if isinstance(out, tuple): out = list(out)
    except ValueError as e:
        out = '!' + str(e)
    lines.append(name + '\t' + json.dumps(args) + '\t' + json.dumps(out))
for _ in range(2500):
    s = rs()
    m = random.choice(['split', 'rsplit', 'strip', 'lstrip', 'rstrip', 'splitlines', 'partition', 'rpartition',
                       'center', 'ljust', 'rjust', 'zfill', 'expandtabs', 'title', 'capitalize', 'swapcase', 'lower',
                       'upper', 'casefold', 'find', 'rfind', 'count', 'replace', 'repr', 'ascii', 'preds',
                       'startswith', 'endswith'])
    if m in ('split', 'rsplit'):
        sep = random.choice(seps); k = random.choice([-1, 0, 1, 2])
        add(m, [s, sep, k], lambda: getattr(s, m)(sep, k))
    elif m in ('strip', 'lstrip', 'rstrip'):
        ch = random.choice([None, 'a', ' a', 'Σé', ''])
        add(m, [s, ch], lambda: getattr(s, m)(ch))
    elif m == 'splitlines':
        k = random.choice([False, True]); add(m, [s, k], lambda: s.splitlines(k))
    elif m in ('partition', 'rpartition'):
        sep = random.choice([',', 'a', ' ', 'Σ', '']); add(m, [s, sep], lambda: getattr(s, m)(sep))
    elif m in ('center', 'ljust', 'rjust'):
        w = random.randint(-1, 14); f = random.choice([' ', '*', 'é'])
        add(m, [s, w, f], lambda: getattr(s, m)(w, f))
    elif m == 'zfill':
        s2 = random.choice(['', '-', '+']) + s; w = random.randint(-1, 12); add(m, [s2, w], lambda: s2.zfill(w))
    elif m == 'expandtabs':
        w = random.choice([-1, 0, 1, 4, 8]); add(m, [s, w], lambda: s.expandtabs(w))
    elif m in ('find', 'rfind', 'count', 'startswith', 'endswith'):
        sub = random.choice(['', 'a', 'ab', ' ', 'Σ', 'é', '\n', 'x'])
        a = random.choice([None, -20, -3, -1, 0, 1, 2, 5, 30]); b = random.choice([None, -20, -2, 0, 1, 3, 6, 30])
        add(m, [s, sub, a, b], lambda: getattr(s, m)(sub, a, b))
    elif m == 'replace':
        old = random.choice(['', 'a', 'ab', ' ', 'Σ']); new = random.choice(['', '-', 'XY']); k = random.choice([-1, 0, 1, 2])
        add(m, [s, old, new, k], lambda: s.replace(old, new, k))
    elif m == 'repr':
        add(m, [s], lambda: repr(s))
    elif m == 'ascii':
        add(m, [s], lambda: ascii(s))
    elif m == 'preds':
        add(m, [s], lambda: [s.isspace(), s.isalpha(), s.isdecimal(), s.isdigit(), s.isnumeric(), s.isalnum(),
                             s.isprintable(), s.isascii(), s.isidentifier(), s.islower(), s.isupper(), s.istitle()])
    else:
        add(m, [s], lambda: getattr(s, m)())
open('strings.txt', 'w').write('\n'.join(lines) + '\n')

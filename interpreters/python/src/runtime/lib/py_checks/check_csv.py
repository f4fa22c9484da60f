import csv, io, random
random.seed(3)
alphabet = ['a', 'b', ',', '"', ' ', '\n', '\r\n', ';', '\\', 'x y', '1.5', '']
for i in range(120):
    text = ''.join(random.choice(alphabet) for _ in range(random.randint(0, 25)))
    kw = {}
    if random.random() < 0.2: kw['delimiter'] = ';'
    if random.random() < 0.2: kw['escapechar'] = '\\'
    if random.random() < 0.2: kw['doublequote'] = False
    if random.random() < 0.2: kw['skipinitialspace'] = True
    if random.random() < 0.2: kw['strict'] = True
    if random.random() < 0.1: kw['quoting'] = csv.QUOTE_NONE
    if random.random() < 0.1: kw['quotechar'] = "'"
    try:
        r = csv.reader(io.StringIO(text, newline=''), **kw)
        rows = list(r)
        print(repr(text), kw, rows, r.line_num)
    except (csv.Error, TypeError, ValueError) as e:
        print(repr(text), kw, type(e).__name__, e)
values = ['plain', 'with,comma', 'with "quote"', 'new\nline', '', None, 3, 2.5, True, ' lead', 'semi;colon', 'back\\slash', "it's"]
for i in range(80):
    row = [random.choice(values) for _ in range(random.randint(0, 4))]
    kw = {}
    if random.random() < 0.2: kw['quoting'] = random.choice([csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC, csv.QUOTE_NONE])
    if random.random() < 0.2: kw['escapechar'] = '\\'
    if random.random() < 0.2: kw['doublequote'] = False
    if random.random() < 0.2: kw['delimiter'] = ';'
    if random.random() < 0.2: kw['lineterminator'] = '\n'
    if random.random() < 0.1: kw['dialect'] = random.choice(['excel-tab', 'unix'])
    out = io.StringIO()
    try:
        n = csv.writer(out, **kw).writerow(row)
        print(row, kw, repr(out.getvalue()), n)
    except (csv.Error, TypeError) as e:
        print(row, kw, type(e).__name__, e)
print(list(csv.reader(['1,"2",x'], quoting=csv.QUOTE_NONNUMERIC)) if False else '')
try:
    print(list(csv.reader(['1,"2",3.5'], quoting=csv.QUOTE_NONNUMERIC)))
    print(list(csv.reader(['1,"2",x'], quoting=csv.QUOTE_NONNUMERIC)))
except ValueError as e:
    print('ValueError', e)
data = 'name,age,city\nAda,36,London\n\nAlan,41\nGrace,85,NYC,extra\n'
for row in csv.DictReader(io.StringIO(data), restkey='more', restval='?'):
    print(row)
rd = csv.DictReader(io.StringIO(data))
print(rd.fieldnames, rd.line_num, [r['name'] for r in rd], rd.line_num)
out = io.StringIO()
w = csv.DictWriter(out, fieldnames=['name', 'age'], restval='n/a')
w.writeheader()
w.writerows([{'name': 'Ada', 'age': 36}, {'name': 'Bob, Jr.'}])
print(repr(out.getvalue()))
try:
    w.writerow({'name': 'x', 'zzz': 1})
except ValueError as e:
    print('ValueError', e)
csv.register_dialect('pipes', delimiter='|', quoting=csv.QUOTE_ALL)
print(sorted(csv.list_dialects()), csv.get_dialect('pipes').delimiter)
out = io.StringIO()
csv.writer(out, 'pipes').writerows([[1, 'a|b'], ['c']])
print(repr(out.getvalue()), list(csv.reader(io.StringIO(out.getvalue()), 'pipes')))
class Semi(csv.Dialect):
    delimiter = ';'
    quotechar = '"'
    doublequote = True
    skipinitialspace = False
    lineterminator = '\n'
    quoting = csv.QUOTE_MINIMAL
out = io.StringIO()
csv.writer(out, Semi).writerow(['a;b', 'c'])
print(repr(out.getvalue()), list(csv.reader(['a;"b;c"'], Semi)))
for bad in [dict(delimiter='::'), dict(quotechar=None, quoting=csv.QUOTE_ALL), dict(quoting=9), dict(bogus=1)]:
    try:
        csv.writer(io.StringIO(), **bad)
    except TypeError as e:
        print('TypeError', e)
try:
    csv.get_dialect('nope')
except csv.Error as e:
    print('Error', e)
try:
    csv.writer(io.StringIO()).writerow(5)
except csv.Error as e:
    print('Error', e)
try:
    list(csv.reader([b'a,b']))
except csv.Error as e:
    print('Error', e)
print(csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC, csv.QUOTE_NONE, csv.field_size_limit())

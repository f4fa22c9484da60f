# csv: reader/writer quoting rules, dialects, DictReader/DictWriter over StringIO.
import csv, io
text = 'name,age,note\r\nAda,36,"likes, commas"\r\nBob,41,"says ""hi"""\r\n"multi\nline",7,\r\n\r\nlast,1,x\r\n'
r = csv.reader(io.StringIO(text, newline=''))
for row in r:
    print(row, r.line_num)
print(list(csv.reader(['a;b;"c;d"', ' x; y'], delimiter=';', skipinitialspace=True)))
print(list(csv.reader(['1,"2",3.5'], quoting=csv.QUOTE_NONNUMERIC)), list(csv.reader(['a\\,b,c'], escapechar='\\')))
out = io.StringIO()
w = csv.writer(out)
w.writerow(['plain', 'with,comma', 'with "quote"', 'new\nline', '', None, 3, 2.5])
w.writerows([[1, 2], ['']])
print(repr(out.getvalue()))
for kw in [dict(quoting=csv.QUOTE_ALL), dict(quoting=csv.QUOTE_NONNUMERIC), dict(quoting=csv.QUOTE_NONE, escapechar='\\'),
           dict(delimiter='\t', lineterminator='\n'), dict(dialect='unix'), dict(doublequote=False, escapechar='\\')]:
    out = io.StringIO()
    csv.writer(out, **kw).writerow(['a b', 'c,d', 'e"f', 4, 0.5])
    print(kw, repr(out.getvalue()))
data = 'id,city\n1,Paris\n2,Rome,extra\n3\n'
for row in csv.DictReader(io.StringIO(data), restkey='rest', restval='-'):
    print(row)
out = io.StringIO()
dw = csv.DictWriter(out, fieldnames=['id', 'city'], restval='?')
dw.writeheader()
dw.writerows([{'id': 1, 'city': 'Oslo'}, {'id': 2}])
print(repr(out.getvalue()))
try:
    dw.writerow({'id': 3, 'country': 'x'})
except ValueError as e:
    print('ValueError', e)
csv.register_dialect('pipes', delimiter='|')
print(csv.list_dialects(), list(csv.reader(['a|b|"c|d"'], 'pipes')))
for bad in [lambda: list(csv.reader(['a,"b'], strict=True)), lambda: csv.writer(io.StringIO(), quoting=csv.QUOTE_NONE).writerow(['a,b']),
            lambda: csv.get_dialect('nope'), lambda: list(csv.reader(['"a"b'], strict=True))]:
    try:
        bad()
    except csv.Error as e:
        print('Error', e)

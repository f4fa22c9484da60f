# warnings, base64, tempfile, shutil, calendar, queue and numbers: the common calls of each.
import warnings, base64, tempfile, shutil, os, calendar, queue, numbers, fractions
with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter('always')
    warnings.warn('careful')
    warnings.warn('old api', DeprecationWarning)
    print([(m.category.__name__, str(m.message)) for m in log])
with warnings.catch_warnings():
    warnings.simplefilter('error')
    try:
        warnings.warn('now an error')
    except UserWarning as e:
        print('raised', repr(e))
with warnings.catch_warnings(record=True) as log:
    warnings.filterwarnings('ignore', message='noisy')
    warnings.warn('noisy thing')
    warnings.warn('useful thing', RuntimeWarning)
    print([str(m.message) for m in log])
print(warnings.formatwarning('msg', UserWarning, 'file.py', 12, 'x = 1'), end='')
data = 'héllo wörld, base64!'.encode()
for enc, dec in [(base64.b64encode, base64.b64decode), (base64.urlsafe_b64encode, base64.urlsafe_b64decode),
                 (base64.b32encode, base64.b32decode), (base64.b16encode, base64.b16decode),
                 (base64.b85encode, base64.b85decode), (base64.a85encode, base64.a85decode)]:
    e = enc(data)
    print(enc.__name__, e, dec(e) == data)
print(base64.b64decode('aGVsbG8gd29ybGQ='), base64.b64encode(b'\xff\xfe'), base64.encodebytes(bytes(range(60))))
try:
    base64.b64decode('abc')
except ValueError as e:
    print('Error', e)
with tempfile.TemporaryDirectory(prefix='pyvgc_') as t:
    print(os.path.isdir(t), os.path.basename(t).startswith('pyvgc_'))
    src = os.path.join(t, 'src')
    os.makedirs(os.path.join(src, 'inner'))
    for name, text in [('a.txt', 'alpha'), ('b.log', 'beta'), ('inner/c.txt', 'gamma')]:
        with open(os.path.join(src, name), 'w') as f:
            f.write(text)
    dst = shutil.copytree(src, os.path.join(t, 'dst'), ignore=shutil.ignore_patterns('*.log'))
    print(sorted(os.listdir(dst)), open(os.path.join(dst, 'inner', 'c.txt')).read())
    shutil.copy(os.path.join(src, 'a.txt'), os.path.join(t, 'copy.txt'))
    moved = shutil.move(os.path.join(t, 'copy.txt'), os.path.join(t, 'moved.txt'))
    print(os.path.basename(moved), sorted(os.listdir(t)))
    shutil.rmtree(src)
    print(sorted(os.listdir(t)))
    with tempfile.NamedTemporaryFile('w', dir=t, suffix='.tmp', delete=False) as f:
        f.write('temporary')
    print(open(f.name).read(), f.name.endswith('.tmp'), os.path.dirname(f.name) == t)
print(os.path.exists(t))
print(calendar.month(2024, 2), end='')
print(calendar.isleap(2100), calendar.monthrange(2024, 2), calendar.weekday(2000, 1, 1), calendar.day_name[0], calendar.month_abbr[12])
print(calendar.monthcalendar(2023, 10)[:2], calendar.TextCalendar(calendar.SUNDAY).formatweekheader(3))
pq = queue.PriorityQueue()
for task in [(2, 'write'), (1, 'read'), (3, 'close')]:
    pq.put(task)
print([pq.get()[1] for _ in range(pq.qsize())], pq.empty())
q = queue.Queue(maxsize=1)
q.put('only')
try:
    q.put_nowait('more')
except queue.Full:
    print('Full', q.get(), q.qsize())
for v in [3, 2.5, True, fractions.Fraction(1, 3), 'x']:
    print(repr(v), isinstance(v, numbers.Number), isinstance(v, numbers.Real), isinstance(v, numbers.Integral))

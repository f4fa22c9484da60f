import os, os.path
base = '/tmp/pyvgc_os_check'
if os.path.isdir(base):
    for root, dirs, files in os.walk(base, topdown=False):
        for f in files:
            os.remove(os.path.join(root, f))
        for d in dirs:
            os.rmdir(os.path.join(root, d))
    os.rmdir(base)
os.makedirs(os.path.join(base, 'a', 'b'))
with open(os.path.join(base, 'a', 'f.txt'), 'w') as fh:
    fh.write('hello')
print(sorted(os.listdir(base)), sorted(os.listdir(os.path.join(base, 'a'))), os.path.exists(base), os.path.isfile(os.path.join(base, 'a', 'f.txt')))
print(os.path.getsize(os.path.join(base, 'a', 'f.txt')), os.stat(os.path.join(base, 'a', 'f.txt')).st_size, os.path.isdir(os.path.join(base, 'a')))
print([(r[len(base):], sorted(d), sorted(f)) for r, d, f in os.walk(base)])
os.rename(os.path.join(base, 'a', 'f.txt'), os.path.join(base, 'g.txt'))
print(sorted(os.listdir(base)), os.sep, os.name, os.linesep == '\n', os.path.join('x', 'y'), os.curdir)
for bad in [lambda: os.listdir('/nonexistent/zz'), lambda: os.remove('/nonexistent/zz'), lambda: os.mkdir(base), lambda: os.rmdir(os.path.join(base, 'a'))]:
    try:
        bad()
    except OSError as e:
        print(type(e).__name__, e)
os.environ['PYVGC_CHECK'] = 'v1'
print(os.environ['PYVGC_CHECK'], os.getenv('PYVGC_CHECK'), os.getenv('PYVGC_NOPE', 'dflt'), 'PYVGC_CHECK' in os.environ)
del os.environ['PYVGC_CHECK']
print(os.environ.get('PYVGC_CHECK'), type(os.getpid()).__name__, len(os.urandom(4)))
try:
    os.environ['PYVGC_NOPE']
except KeyError as e:
    print('KeyError', e)
os.makedirs(os.path.join(base, 'a'), exist_ok=True)
try:
    os.makedirs(os.path.join(base, 'a'))
except FileExistsError as e:
    print('FileExistsError', e)

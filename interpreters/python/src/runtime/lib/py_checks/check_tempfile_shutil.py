import tempfile, shutil, os
d = tempfile.mkdtemp(prefix='chk_')
print(os.path.isdir(d), os.path.basename(d).startswith('chk_'), len(os.path.basename(d)))
with tempfile.TemporaryDirectory(suffix='.x') as t:
    print(os.path.isdir(t), t.endswith('.x'))
    p = os.path.join(t, 'a.txt')
    with open(p, 'w') as f:
        f.write('hello')
    os.makedirs(os.path.join(t, 'sub', 'deep'))
    with open(os.path.join(t, 'sub', 'deep', 'b.log'), 'w') as f:
        f.write('log')
    print(shutil.copy(p, os.path.join(t, 'sub')) == os.path.join(t, 'sub', 'a.txt'))
    shutil.copyfile(p, os.path.join(t, 'c.txt'))
    dst = shutil.copytree(os.path.join(t, 'sub'), os.path.join(t, 'copy'), ignore=shutil.ignore_patterns('*.log'))
    print(sorted(os.listdir(dst)), sorted(os.listdir(os.path.join(dst, 'deep'))))
    print(os.path.basename(shutil.move(os.path.join(t, 'c.txt'), os.path.join(t, 'sub'))), sorted(os.listdir(os.path.join(t, 'sub'))))
    try:
        shutil.copyfile(p, p)
    except shutil.SameFileError as e:
        print('SameFileError')
    shutil.rmtree(os.path.join(t, 'sub'))
    print(sorted(os.listdir(t)))
    shutil.rmtree(os.path.join(t, 'nope'), ignore_errors=True)
    try:
        shutil.rmtree(os.path.join(t, 'nope'))
    except FileNotFoundError:
        print('FileNotFoundError')
print(os.path.exists(t))
with tempfile.NamedTemporaryFile('w', suffix='.txt', delete=True) as f:
    f.write('data')
    f.flush()
    print(open(f.name).read(), f.name.endswith('.txt'), os.path.exists(f.name))
    name = f.name
print(os.path.exists(name))
fd, path = tempfile.mkstemp(dir=d, suffix='.bin')
print(os.path.exists(path), path.startswith(d), path.endswith('.bin'))
os.remove(path)
os.rmdir(d)
print(shutil.which('sh') is not None, shutil.which('definitely-not-a-command-xyz'), os.path.isdir(tempfile.gettempdir()))

import pathlib, os, tempfile
from pathlib import Path, PurePath, PurePosixPath
for s in ['', '.', '/', '//', '///', 'a', 'a/b', 'a//b/./c/', '/usr/lib/python3.11/', '../x/..', 'a/b.tar.gz', '.bashrc',
          'dir/file.', 'x/.y.z', '//server/share', '~/notes.txt']:
    p = PurePosixPath(s)
    print(repr(s), repr(p), str(p), p.parts, p.name, p.stem, p.suffix, p.suffixes, repr(p.parent), list(p.parents),
          p.anchor, p.root, p.is_absolute(), p.as_posix())
p = PurePath('/home/user/docs/report.txt')
print(p.with_name('x.md'), p.with_suffix('.pdf'), p.with_suffix(''), p.with_stem('final'), p.relative_to('/home'),
      p.is_relative_to('/etc'), p.parents[1], p.parents[-1], p.parents[0:2], len(p.parents), p / 'more' / 'x', 'a' / PurePath('b'))
for bad in [lambda: p.with_suffix('pdf'), lambda: p.relative_to('/etc'), lambda: PurePath('/').with_name('x'), lambda: PurePath('a').with_name('b/c')]:
    try:
        bad()
    except ValueError as e:
        print('ValueError', e)
print(PurePath('a') == PurePath('a/'), PurePath('a/b') < PurePath('a/c'), sorted([PurePath('b'), PurePath('/a'), PurePath('a/b'), PurePath('a')]),
      hash(PurePath('x/y')) == hash(PurePath('x//y')), PurePath('a', 'b', '/c', 'd'), PurePath(PurePath('p'), 'q'))
for path, pat in [('a/b.py', '*.py'), ('/a/b/c.py', 'b/*.py'), ('/a/b/c.py', 'a/*.py'), ('/a.py', '/*.py'), ('a/b.py', '/*.py'), ('b.txt', '*.py')]:
    print(path, pat, PurePath(path).match(pat))
print(os.fspath(Path('x/y')), Path('a').joinpath('b', 'c'), type(Path('a')).__name__, type(PurePath('a')).__name__, Path('/a/b').absolute())
d = Path(tempfile.mkdtemp())
try:
    (d / 'sub' / 'deeper').mkdir(parents=True)
    (d / 'sub').mkdir(exist_ok=True)
    try:
        (d / 'sub').mkdir()
    except FileExistsError as e:
        print('FileExistsError')
    f = d / 'sub' / 'hello.txt'
    print(f.write_text('hello\nworld\n'), f.read_text(), f.exists(), f.is_file(), f.is_dir(), f.parent.is_dir(), f.stat().st_size)
    (d / 'data.bin').write_bytes(b'\x00\x01')
    (d / 'sub' / 'b.py').touch()
    (d / 'a.py').touch()
    print(sorted(p.name for p in d.iterdir()), sorted(str(p.relative_to(d)) for p in d.glob('*.py')),
          sorted(str(p.relative_to(d)) for p in d.rglob('*.py')), (d / 'data.bin').read_bytes())
    g = (d / 'a.py').rename(d / 'c.py')
    print(g.name, (d / 'a.py').exists(), (d / 'c.py').exists())
    (d / 'c.py').unlink()
    (d / 'c.py').unlink(missing_ok=True)
    try:
        (d / 'c.py').unlink()
    except FileNotFoundError:
        print('FileNotFoundError')
    with (d / 'sub' / 'hello.txt').open() as fh:
        print(fh.readline().strip())
finally:
    import shutil
    for root, dirs, files in os.walk(d, topdown=False):
        for n in files:
            os.remove(os.path.join(root, n))
        for n in dirs:
            os.rmdir(os.path.join(root, n))
    os.rmdir(d)
print(d.exists())

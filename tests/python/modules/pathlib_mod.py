# pathlib: pure path parsing and manipulation, and reading files relative to the program.
from pathlib import Path, PurePath, PurePosixPath
for s in ['', '/', 'a//b/./c/', '/usr/lib/python3.11/site.py', '../x/..', 'archive.tar.gz', '.bashrc', 'dir/file.']:
    p = PurePosixPath(s)
    print(repr(p), p.parts, p.name, p.stem, p.suffix, p.suffixes, repr(p.parent), p.is_absolute())
p = PurePath('/home/user/docs/report.txt')
print(list(p.parents), p.parents[1], p.with_name('x.md'), p.with_suffix('.pdf'), p.with_stem('final'), p.relative_to('/home/user'))
print(p / 'more' / 'x', 'rel' / PurePath('b'), p.is_relative_to('/etc'), p.match('docs/*.txt'), p.match('/*.txt'), p.anchor)
print(PurePath('a') == PurePath('a/'), sorted([PurePath('b'), PurePath('a/b'), PurePath('a')]), PurePath('x', '/y', 'z'))
for bad in [lambda: p.with_suffix('pdf'), lambda: p.relative_to('/etc'), lambda: PurePath('/').with_name('x')]:
    try:
        bad()
    except ValueError as e:
        print('ValueError', e)
here = Path('pathlib_mod.py')
print(repr(here), here.exists(), here.is_file(), here.is_dir(), Path('.').is_dir(), here.read_text().splitlines()[0])
print(sorted(q.name for q in Path('.').glob('pathlib_mod.py*')), here.absolute().is_absolute(), here.resolve().name, Path('nope.txt').exists())

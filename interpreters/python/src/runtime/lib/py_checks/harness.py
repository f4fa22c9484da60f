"""Runs a check script twice under CPython: once with the real standard library, once with
pyvgc's bundled module sources (lib/py/*.py) installed in sys.modules under the real names,
and reports whether both runs print the same thing.

usage: python3 harness.py CHECK.py [--show]
"""
import importlib.util
import io
import os
import sys
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
BUNDLED = os.path.join(os.path.dirname(HERE), 'py')


class BundledFinder:
    """Serves lib/py/*.py under their real module names (collections__abc.py is
    collections.abc), so bundled modules import each other as they would in pyvgc."""

    def __init__(self):
        self.files = {'_pyvgc_random': os.path.join(HERE, '_pyvgc_random.py'),
                      '_pyvgc_os': os.path.join(HERE, '_pyvgc_os.py'),
                      '_pyvgc_inspect': os.path.join(HERE, '_pyvgc_inspect.py')}
        for f in os.listdir(BUNDLED):
            if f.endswith('.py'):
                name = f[:-3]
                real = name if name.startswith('_') else name.replace('__', '.')
                if real in ('re', 'traceback'):
                    # re.py and traceback.py need native engines (no CPython stand-ins): CPython's
                    # modules serve the modules that import them; they are checked by running
                    # them on pyvgc.
                    continue
                self.files[real] = os.path.join(BUNDLED, f)

    def find_spec(self, fullname, path=None, target=None):
        if fullname in self.files:
            is_package = any(other.startswith(fullname + '.') for other in self.files)
            return importlib.util.spec_from_file_location(
                fullname, self.files[fullname],
                submodule_search_locations=[] if is_package else None)
        return None


def run(path, bundled):
    saved = dict(sys.modules)
    saved_meta = list(sys.meta_path)
    out = io.StringIO()
    old_stdout = sys.stdout
    try:
        if bundled:
            finder = BundledFinder()
            for name in finder.files:
                sys.modules.pop(name, None)
            sys.meta_path.insert(0, finder)
        sys.stdout = out
        source = open(path).read()
        glb = {'__name__': '__main__'}
        try:
            exec(compile(source, path, 'exec'), glb)
        except Exception as e:
            print('UNCAUGHT', type(e).__name__, e)
    finally:
        sys.stdout = old_stdout
        sys.meta_path[:] = saved_meta
        sys.modules.clear()
        sys.modules.update(saved)
    return out.getvalue()


def main():
    path = sys.argv[1]
    real = run(path, False)
    ours = run(path, True)
    if real == ours:
        print('same:', os.path.basename(path))
        return 0
    print('DIFFERENT:', os.path.basename(path))
    a, b = real.splitlines(), ours.splitlines()
    for i in range(max(len(a), len(b))):
        x = a[i] if i < len(a) else '<missing>'
        y = b[i] if i < len(b) else '<missing>'
        if x != y:
            print('  line %d\n    cpython: %s\n    bundled: %s' % (i + 1, x, y))
    return 1


if __name__ == '__main__':
    sys.exit(main())

"""CPython stand-in for pyvgc's native `_pyvgc_inspect`, so the harness can run the bundled
inspect.py under CPython."""


def code_info(f):
    co = getattr(f, '__code__', None)
    if co is None or not hasattr(f, '__defaults__'):
        return None
    n = co.co_argcount + co.co_kwonlyargcount + bool(co.co_flags & 4) + bool(co.co_flags & 8)
    return (co.co_varnames[:n], co.co_argcount, co.co_posonlyargcount, co.co_kwonlyargcount,
            co.co_flags, co.co_name, co.co_filename, co.co_firstlineno)


def gen_state(g):
    if type(g).__name__ != 'generator':
        return None
    if g.gi_running:
        return 'GEN_RUNNING'
    if g.gi_frame is None:
        return 'GEN_CLOSED'
    return 'GEN_SUSPENDED' if g.gi_suspended else 'GEN_CREATED'

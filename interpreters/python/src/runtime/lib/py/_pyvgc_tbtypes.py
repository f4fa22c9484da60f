"""Traceback, frame and code objects for pyvgc's exceptions and `sys._getframe`.

pyvgc records where an exception passed (file, line, function name) rather than keeping frames
alive; `exc.__traceback__` and `sys.exc_info()[2]` build these read-only objects from that record
on each access (so two accesses give equal, not identical, chains). A frame has `f_code`
(`co_filename`, `co_name`), `f_lineno` and `f_back` (the frame of the traceback entry before it,
None for the first); its variables are not kept (`f_globals` and `f_locals` are empty dicts).
`sys._getframe()` builds a snapshot of the running frames the same way, with their real
`f_globals` and, for module-level code, `f_locals`.
"""


class code:
    __slots__ = ("co_filename", "co_name")

    def __repr__(self):
        return f'<code object {self.co_name} at 0x{id(self):x}, file "{self.co_filename}">'


class frame:
    __slots__ = ("f_code", "f_lineno", "f_back", "f_globals", "f_locals")

    def __repr__(self):
        return (f"<frame at 0x{id(self):x}, file '{self.f_code.co_filename}', "
                f"line {self.f_lineno}, code {self.f_code.co_name}>")


class traceback:
    __slots__ = ("tb_frame", "tb_lineno", "tb_next", "tb_lasti")

    def __repr__(self):
        return f"<traceback object at 0x{id(self):x}>"


def make(entries):
    """The traceback chain of `entries`: (filename, line, name) tuples, outermost first."""
    frames = []
    back = None
    for filename, line, name in entries:
        c = code()
        c.co_filename = filename
        c.co_name = name
        f = frame()
        f.f_code = c
        f.f_lineno = line
        f.f_back = back
        f.f_globals = {}
        f.f_locals = {}
        frames.append(f)
        back = f
    tb = None
    for f in reversed(frames):
        t = traceback()
        t.tb_frame = f
        t.tb_lineno = f.f_lineno
        t.tb_next = tb
        t.tb_lasti = -1
        tb = t
    return tb


def entries(tb):
    """The inverse of `make`: the (filename, line, name) tuples of a chain, outermost first."""
    out = []
    while tb is not None:
        if type(tb) is not traceback:
            raise TypeError("__traceback__ must be a traceback or None")
        out.append((tb.tb_frame.f_code.co_filename, tb.tb_lineno, tb.tb_frame.f_code.co_name))
        tb = tb.tb_next
    return out


def stack(entries):
    """The innermost frame of `entries`: (filename, line, name, globals, locals) tuples,
    outermost first, each frame's `f_back` the one before it."""
    back = None
    for filename, line, name, globals, locals in entries:
        c = code()
        c.co_filename = filename
        c.co_name = name
        f = frame()
        f.f_code = c
        f.f_lineno = line
        f.f_back = back
        f.f_globals = globals
        f.f_locals = {} if locals is None else locals
        back = f
    return back

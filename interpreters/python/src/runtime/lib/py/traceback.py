"""Printing and formatting exceptions (the common part of CPython's traceback module).

Built on pyvgc's native renderer: the output is what pyvgc prints for an uncaught exception
(CPython 3.11's format without the ``^^^^`` position markers). ``format_exception`` and
``print_exception`` format the exception's own entries (their ``tb`` argument is ignored).
Traceback objects (``exc.__traceback__``) are read by ``extract_tb``, ``format_tb``,
``print_tb`` and ``walk_tb``. Stack inspection of running frames (``extract_stack``,
``print_stack``, ``walk_stack``) is not provided.
"""

import sys
import _pyvgc_traceback

__all__ = ['format_exc', 'print_exc', 'format_exception', 'print_exception',
           'format_exception_only', 'print_last', 'extract_tb', 'format_tb', 'print_tb',
           'format_list', 'walk_tb', 'FrameSummary', 'StackSummary']


class FrameSummary:
    """One entry of a traceback: filename, lineno, name and the stripped source line."""

    __slots__ = ('filename', 'lineno', 'name', '_line', 'locals', 'end_lineno', 'colno',
                 'end_colno')

    def __init__(self, filename, lineno, name, *, lookup_line=True, locals=None, line=None,
                 end_lineno=None, colno=None, end_colno=None):
        self.filename = filename
        self.lineno = lineno
        self.name = name
        self._line = line
        self.locals = locals
        self.end_lineno = end_lineno
        self.colno = colno
        self.end_colno = end_colno

    @property
    def line(self):
        if self._line is None:
            text = _pyvgc_traceback.source_line(self.filename, self.lineno)
            self._line = '' if text is None else text
        return self._line

    def __eq__(self, other):
        if isinstance(other, FrameSummary):
            return (self.filename, self.lineno, self.name, self.line) == (
                other.filename, other.lineno, other.name, other.line)
        if isinstance(other, tuple):
            return (self.filename, self.lineno, self.name, self.line) == other
        return NotImplemented

    def __getitem__(self, pos):
        return (self.filename, self.lineno, self.name, self.line)[pos]

    def __iter__(self):
        return iter([self.filename, self.lineno, self.name, self.line])

    def __len__(self):
        return 4

    def __repr__(self):
        return '<FrameSummary file {}, line {} in {}>'.format(self.filename, self.lineno,
                                                            self.name)


class StackSummary(list):
    """A list of FrameSummary objects."""

    @classmethod
    def from_list(cls, a_list):
        result = cls()
        for item in a_list:
            if isinstance(item, FrameSummary):
                result.append(item)
            else:
                filename, lineno, name, line = item
                result.append(FrameSummary(filename, lineno, name, line=line))
        return result

    def format(self):
        out = []
        for f in self:
            row = '  File "{}", line {}, in {}\n'.format(f.filename, f.lineno, f.name)
            if f.line:
                row += '    {}\n'.format(f.line.strip())
            out.append(row)
        return out


def walk_tb(tb):
    """(frame, lineno) for each entry of a traceback chain, outermost first."""
    while tb is not None:
        yield tb.tb_frame, tb.tb_lineno
        tb = tb.tb_next


def extract_tb(tb, limit=None):
    entries = [FrameSummary(f.f_code.co_filename, lineno, f.f_code.co_name)
               for f, lineno in walk_tb(tb)]
    if limit is not None:
        entries = entries[:limit] if limit >= 0 else entries[limit:]
    return StackSummary(entries)


def format_list(extracted_list):
    return StackSummary.from_list(extracted_list).format()


def format_tb(tb, limit=None):
    return extract_tb(tb, limit).format()


def print_tb(tb, limit=None, file=None):
    if file is None:
        file = sys.stderr
    for item in format_tb(tb, limit):
        print(item, file=file, end='')


def _exc_of(exc, value):
    # format_exception(type, value, tb) (the old form) or format_exception(exc).
    if value is not None and isinstance(value, BaseException):
        return value
    if isinstance(exc, type):
        return None if value is None else value
    return exc


def _lines(text):
    return [line + '\n' for line in text.split('\n')[:-1]]


def format_exception(exc, value=None, tb=None, limit=None, chain=True):
    e = _exc_of(exc, value)
    if e is None:
        return ['NoneType: None\n']
    return _lines(_pyvgc_traceback.format(e))


def format_exception_only(exc, value=None):
    e = _exc_of(exc, value)
    if e is None:
        return ['NoneType: None\n']
    lines = [_pyvgc_traceback.format_only(e)]
    notes = getattr(e, '__notes__', None)
    if isinstance(notes, list):
        lines.extend(n + '\n' for n in notes if isinstance(n, str))
    return lines


def print_exception(exc, value=None, tb=None, limit=None, file=None, chain=True):
    if file is None:
        file = sys.stderr
    for line in format_exception(exc, value, tb, limit, chain):
        print(line, file=file, end='')


def format_exc(limit=None, chain=True):
    return ''.join(format_exception(sys.exc_info()[1]))


def print_exc(limit=None, file=None, chain=True):
    print_exception(sys.exc_info()[1], file=file)


def print_last(limit=None, file=None, chain=True):
    raise ValueError('no last exception')

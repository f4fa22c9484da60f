"""Printing and formatting exceptions (the common part of CPython's traceback module).

Built on pyvgc's native renderer: the output is what pyvgc prints for an uncaught exception
(CPython 3.11's format without the ``^^^^`` position markers). Traceback objects are not
exposed: ``tb`` arguments are accepted and ignored, the exception carries its own entries.
Stack inspection (``extract_stack``, ``print_stack``, ``walk_tb``) is not provided.
"""

import sys
import _pyvgc_traceback

__all__ = ['format_exc', 'print_exc', 'format_exception', 'print_exception',
           'format_exception_only', 'print_last']


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
    return [_pyvgc_traceback.format_only(e)]


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

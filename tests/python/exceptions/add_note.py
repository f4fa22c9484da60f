# BaseException.add_note (3.11): notes collect in __notes__ and the traceback shows them.
import traceback

e = ValueError('base')
print(hasattr(e, '__notes__'))
e.add_note('note one')
e.add_note('note two')
print(e.__notes__)
try:
    e.add_note(5)
except TypeError as err:
    print(err)


def parse(text):
    try:
        return int(text)
    except ValueError as err:
        err.add_note(f'while parsing {text!r}')
        raise


try:
    parse('x1')
except ValueError as err:
    print(err.__notes__)
    print(traceback.format_exc().splitlines()[-2:])
    print(''.join(traceback.format_exception_only(type(err), err)), end='')

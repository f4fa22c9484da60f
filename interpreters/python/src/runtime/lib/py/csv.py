"""csv for pyvgc: reader, writer, DictReader, DictWriter, dialects and the QUOTE_* constants.

Written for pyvgc after CPython 3.11's documented behaviour: the reader is a character state
machine (quoted fields spanning lines, doublequote, escapechar, skipinitialspace, strict,
QUOTE_NONNUMERIC conversion, field_size_limit) and the writer quotes, doubles and escapes as
CPython's does, with CPython's csv.Error messages for the common mistakes. Left out: Sniffer
(raises NotImplementedError when used).
"""

__all__ = ['QUOTE_MINIMAL', 'QUOTE_ALL', 'QUOTE_NONNUMERIC', 'QUOTE_NONE', 'Error', 'Dialect',
           'excel', 'excel_tab', 'unix_dialect', 'field_size_limit', 'reader', 'writer',
           'register_dialect', 'get_dialect', 'list_dialects', 'unregister_dialect',
           'DictReader', 'DictWriter', 'Sniffer', '__version__']

__version__ = '1.0'

QUOTE_MINIMAL, QUOTE_ALL, QUOTE_NONNUMERIC, QUOTE_NONE = range(4)


class Error(Exception):
    pass


class Dialect:
    """Describes a CSV dialect; subclass it and set the attributes."""

    _name = ''
    _valid = False
    delimiter = None
    quotechar = None
    escapechar = None
    doublequote = None
    skipinitialspace = None
    lineterminator = None
    quoting = None
    strict = False

    def __init__(self):
        if self.__class__ is not Dialect:
            self._valid = True
        _Params(self, {})


class excel(Dialect):
    delimiter = ','
    quotechar = '"'
    doublequote = True
    skipinitialspace = False
    lineterminator = '\r\n'
    quoting = QUOTE_MINIMAL


class excel_tab(excel):
    delimiter = '\t'


class unix_dialect(Dialect):
    delimiter = ','
    quotechar = '"'
    doublequote = True
    skipinitialspace = False
    lineterminator = '\n'
    quoting = QUOTE_ALL


_dialects = {'excel': excel, 'excel-tab': excel_tab, 'unix': unix_dialect}
_field_limit = 128 * 1024


def _char(name, value, allow_none):
    if value is None:
        if allow_none:
            return None
        raise TypeError('"%s" must be a 1-character string' % name)
    if not isinstance(value, str):
        if allow_none:
            raise TypeError('"%s" must be string or None, not %s' % (name, type(value).__name__))
        raise TypeError('"%s" must be string, not %s' % (name, type(value).__name__))
    if len(value) != 1:
        raise TypeError('"%s" must be a 1-character string' % name)
    return value


class _Params:
    """A validated dialect: the base dialect's attributes overridden by keyword arguments."""

    def __init__(self, dialect, kwargs):
        if isinstance(dialect, str):
            dialect = get_dialect(dialect)

        def get(name, default):
            if name in kwargs:
                return kwargs[name]
            v = getattr(dialect, name, None) if dialect is not None else None
            return default if v is None else v

        for k in kwargs:
            if k not in ('delimiter', 'quotechar', 'escapechar', 'doublequote',
                         'skipinitialspace', 'lineterminator', 'quoting', 'strict'):
                raise TypeError("'%s' is an invalid keyword argument for this function" % k)
        self.delimiter = _char('delimiter', get('delimiter', ','), False)
        self.doublequote = bool(get('doublequote', True))
        self.escapechar = _char('escapechar', get('escapechar', None), True)
        lt = get('lineterminator', '\r\n')
        if not isinstance(lt, str):
            raise TypeError('"lineterminator" must be a string')
        self.lineterminator = lt
        quoting = get('quoting', QUOTE_MINIMAL)
        if quoting not in (QUOTE_MINIMAL, QUOTE_ALL, QUOTE_NONNUMERIC, QUOTE_NONE) or \
                isinstance(quoting, bool):
            raise TypeError('bad "quoting" value')
        self.quoting = quoting
        qc = kwargs['quotechar'] if 'quotechar' in kwargs else \
            (getattr(dialect, 'quotechar', '"') if dialect is not None else '"')
        self.quotechar = _char('quotechar', qc, True)
        if self.quotechar is None and quoting != QUOTE_NONE:
            if 'quotechar' in kwargs or dialect is None or \
                    getattr(dialect, 'quotechar', None) is None and quoting != QUOTE_MINIMAL:
                raise TypeError('quotechar must be set if quoting enabled')
            self.quotechar = '"'
        self.skipinitialspace = bool(get('skipinitialspace', False))
        self.strict = bool(get('strict', False))


def register_dialect(name, dialect=None, **fmtparams):
    if not isinstance(name, str):
        raise TypeError('dialect name must be a string')
    _dialects[name] = _Params(dialect, fmtparams)


def unregister_dialect(name):
    if name not in _dialects:
        raise Error('unknown dialect')
    del _dialects[name]


def get_dialect(name):
    try:
        return _dialects[name]
    except (KeyError, TypeError):
        raise Error('unknown dialect') from None


def list_dialects():
    return list(_dialects)


def field_size_limit(*args):
    global _field_limit
    if len(args) > 1:
        raise TypeError('field_size_limit expected at most 1 argument, got %d' % len(args))
    old = _field_limit
    if args:
        if not isinstance(args[0], int):
            raise TypeError('limit must be an integer')
        _field_limit = args[0]
    return old


class _Reader:
    def __init__(self, iterable, dialect, kwargs):
        self._it = iter(iterable)
        self.dialect = _Params(dialect, kwargs)
        self.line_num = 0

    def __iter__(self):
        return self

    def __next__(self):
        d = self.dialect
        delim, quote, esc = d.delimiter, d.quotechar, d.escapechar
        if d.quoting == QUOTE_NONE:
            quote = None
        fields = []
        field = []
        state = 'start_record'
        quoted = False

        def save():
            text = ''.join(field)
            field.clear()
            if d.quoting == QUOTE_NONNUMERIC and not quoted and text:
                fields.append(float(text))
            else:
                fields.append(text)

        def add(c):
            if len(field) >= _field_limit:
                raise Error('field larger than field limit (%d)' % _field_limit)
            field.append(c)

        while True:
            try:
                line = next(self._it)
            except StopIteration:
                if field or state == 'in_quoted':
                    if d.strict:
                        raise Error('unexpected end of data')
                    save()
                    return fields
                raise
            if not isinstance(line, str):
                raise Error('iterator should return strings, not %s (the file should be opened '
                            'in text mode)' % type(line).__name__)
            self.line_num += 1
            if '\0' in line:
                raise Error('line contains NUL')
            for c in line:
                if state == 'start_record':
                    if c == '\n' or c == '\r':
                        state = 'eat_crnl'
                        continue
                    state = 'start_field'
                if state == 'start_field':
                    quoted = False
                    if c == '\n' or c == '\r':
                        save()
                        state = 'eat_crnl'
                    elif c == quote:
                        quoted = True
                        state = 'in_quoted'
                    elif c == esc:
                        state = 'escaped'
                    elif c == ' ' and d.skipinitialspace:
                        pass
                    elif c == delim:
                        save()
                    else:
                        add(c)
                        state = 'in_field'
                elif state == 'escaped':
                    add(c)
                    # After an escaped line break the end of the line does not end the record
                    # (the state stays 'after_escaped_crnl' until a delimiter or line break).
                    state = 'after_escaped_crnl' if c == '\n' or c == '\r' else 'in_field'
                elif state == 'in_field' or state == 'after_escaped_crnl':
                    if c == '\n' or c == '\r':
                        save()
                        state = 'eat_crnl'
                    elif c == esc:
                        state = 'escaped'
                    elif c == delim:
                        save()
                        state = 'start_field'
                    else:
                        add(c)
                elif state == 'in_quoted':
                    if c == esc:
                        state = 'escape_in_quoted'
                    elif c == quote:
                        state = 'quote_in_quoted' if d.doublequote else 'in_field'
                    else:
                        add(c)
                elif state == 'escape_in_quoted':
                    add(c)
                    state = 'in_quoted'
                elif state == 'quote_in_quoted':
                    if c == quote:
                        add(c)
                        state = 'in_quoted'
                    elif c == delim:
                        save()
                        state = 'start_field'
                    elif c == '\n' or c == '\r':
                        save()
                        state = 'eat_crnl'
                    elif not d.strict:
                        add(c)
                        state = 'in_field'
                    else:
                        raise Error("'%s' expected after '%s'" % (delim, quote))
                elif state == 'eat_crnl':
                    if c == '\n' or c == '\r':
                        pass
                    else:
                        raise Error("new-line character seen in unquoted field - do you need "
                                    "to open the file with newline=''?")
            # The end of a line.
            if state == 'eat_crnl' or state == 'start_record':
                return fields
            if state == 'start_field':
                save()
                return fields
            if state in ('in_field', 'quote_in_quoted'):
                save()
                return fields
            if state == 'escaped':
                add('\n')
                state = 'in_field'
            elif state == 'escape_in_quoted':
                add('\n')
                state = 'in_quoted'
            # in_quoted and after_escaped_crnl: the field continues on the next line.


def reader(csvfile, dialect='excel', **fmtparams):
    return _Reader(csvfile, dialect, fmtparams)


class _Writer:
    def __init__(self, fileobj, dialect, kwargs):
        if not hasattr(fileobj, 'write'):
            raise TypeError('argument 1 must have a "write" method')
        self._write = fileobj.write
        self.dialect = _Params(dialect, kwargs)

    def _field(self, value, only_field):
        d = self.dialect
        if value is None:
            text = ''
        elif isinstance(value, float):
            text = repr(value)
        else:
            text = str(value)
        if d.quoting == QUOTE_ALL:
            quoted = True
        elif d.quoting == QUOTE_NONNUMERIC:
            quoted = not isinstance(value, (int, float))
        else:
            quoted = False
        out = []
        for c in text:
            special = c == d.delimiter or c == d.escapechar or c == d.quotechar or \
                c in d.lineterminator or c == '\n' or c == '\r'
            if special:
                escape = False
                if d.quoting == QUOTE_NONE:
                    escape = True
                else:
                    if c == d.quotechar:
                        if d.doublequote:
                            out.append(c)
                        else:
                            escape = True
                    elif c == d.escapechar:
                        escape = True
                    if not escape:
                        quoted = True
                if escape:
                    if d.escapechar is None:
                        raise Error('need to escape, but no escapechar set')
                    out.append(d.escapechar)
            out.append(c)
        if not text and only_field:
            if d.quoting == QUOTE_NONE:
                raise Error('single empty field record must be quoted')
            quoted = True
        body = ''.join(out)
        if quoted:
            return d.quotechar + body + d.quotechar
        return body

    def writerow(self, row):
        try:
            items = list(row)
        except TypeError:
            raise Error('iterable expected, not %s' % type(row).__name__) from None
        parts = [self._field(v, len(items) == 1) for v in items]
        return self._write(self.dialect.delimiter.join(parts) + self.dialect.lineterminator)

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def writer(csvfile, dialect='excel', **fmtparams):
    return _Writer(csvfile, dialect, fmtparams)


class DictReader:
    def __init__(self, f, fieldnames=None, restkey=None, restval=None, dialect='excel', *args,
                 **kwds):
        if fieldnames is not None and iter(fieldnames) is fieldnames:
            fieldnames = list(fieldnames)
        self._fieldnames = fieldnames
        self.restkey = restkey
        self.restval = restval
        self.reader = reader(f, dialect, *args, **kwds)
        self.dialect = dialect
        self.line_num = 0

    def __iter__(self):
        return self

    @property
    def fieldnames(self):
        if self._fieldnames is None:
            try:
                self._fieldnames = next(self.reader)
            except StopIteration:
                pass
        self.line_num = self.reader.line_num
        return self._fieldnames

    @fieldnames.setter
    def fieldnames(self, value):
        self._fieldnames = value

    def __next__(self):
        if self.line_num == 0:
            self.fieldnames
        row = next(self.reader)
        self.line_num = self.reader.line_num
        while row == []:
            row = next(self.reader)
        names = self.fieldnames
        d = dict(zip(names, row))
        lf = len(names)
        lr = len(row)
        if lf < lr:
            d[self.restkey] = row[lf:]
        elif lf > lr:
            for key in names[lr:]:
                d[key] = self.restval
        return d


class DictWriter:
    def __init__(self, f, fieldnames, restval='', extrasaction='raise', dialect='excel', *args,
                 **kwds):
        if fieldnames is not None and iter(fieldnames) is fieldnames:
            fieldnames = list(fieldnames)
        self.fieldnames = fieldnames
        self.restval = restval
        if extrasaction.lower() not in ('raise', 'ignore'):
            raise ValueError("extrasaction (%s) must be 'raise' or 'ignore'" % extrasaction)
        self.extrasaction = extrasaction
        self.writer = writer(f, dialect, *args, **kwds)

    def writeheader(self):
        header = dict(zip(self.fieldnames, self.fieldnames))
        return self.writerow(header)

    def _dict_to_list(self, rowdict):
        if self.extrasaction == 'raise':
            wrong = [k for k in rowdict if k not in self.fieldnames]
            if wrong:
                raise ValueError('dict contains fields not in fieldnames: '
                                 + ', '.join([repr(x) for x in wrong]))
        return (rowdict.get(key, self.restval) for key in self.fieldnames)

    def writerow(self, rowdict):
        return self.writer.writerow(self._dict_to_list(rowdict))

    def writerows(self, rowdicts):
        return self.writer.writerows(map(self._dict_to_list, rowdicts))


class Sniffer:
    def __init__(self):
        raise NotImplementedError('pyvgc: csv.Sniffer is not supported')

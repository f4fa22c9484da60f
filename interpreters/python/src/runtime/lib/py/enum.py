"""pyvgc's bundled `enum`: Enum, IntEnum, StrEnum, Flag, IntFlag, auto, unique, the functional API.

Written for pyvgc after CPython 3.11's documented behaviour, reprs and messages. The metaclass
collects members from the class namespace in definition order (no __prepare__ is needed: dicts
keep insertion order), resolves auto() values in that order, and builds members with the mixed-in
data type's __new__. Flag composites are pseudo-members named 'A|B', created on demand. Not
provided: boundary modes other than Flag's STRICT and IntFlag's KEEP, _ignore_ lists built
dynamically, pickling support, and the 3.12 membership semantics.
"""

__all__ = ['EnumType', 'EnumMeta', 'Enum', 'IntEnum', 'StrEnum', 'Flag', 'IntFlag', 'ReprEnum',
           'auto', 'unique', 'property', 'global_enum', 'verify']

_builtin_property = property


class auto:
    """Instances are replaced with an appropriate value in Enum class suites."""
    _counter = [0]

    def __init__(self, value=None):
        self.value = value

    def __repr__(self):
        return 'auto(%r)' % (self.value,)


def _is_dunder(name):
    return len(name) > 4 and name[:2] == name[-2:] == '__' and name[2] != '_' and name[-3] != '_'


def _is_sunder(name):
    return len(name) > 2 and name[0] == name[-1] == '_' and name[1:2] != '_' and name[-2:-1] != '_'


def _is_private(cls_name, name):
    pattern = '_%s__' % (cls_name.lstrip('_'),)
    return len(name) > len(pattern) and name.startswith(pattern) and not name.endswith('_')


def _is_descriptor(obj):
    return hasattr(obj, '__get__') or hasattr(obj, '__set__') or hasattr(obj, '__delete__')


def _bits(value):
    n = 0
    while value:
        value &= value - 1
        n += 1
    return n


class EnumType(type):
    """Metaclass for Enum"""

    def __new__(metacls, cls, bases, classdict, **kwds):
        member_type, first_enum = metacls._get_mixins_(cls, bases)
        ignore = classdict.get('_ignore_', [])
        if isinstance(ignore, str):
            ignore = ignore.replace(',', ' ').split()
        members = []
        body = {}
        for key, value in classdict.items():
            if key in ignore or key == '_ignore_':
                continue
            if (_is_dunder(key) or _is_sunder(key) or _is_private(cls, key)
                    or (_is_descriptor(value) and not isinstance(value, auto))):
                body[key] = value
            else:
                members.append((key, value))
        for key, _ in members:
            if key in ('mro', ''):
                raise ValueError('Invalid enum member name: %r' % key)
        user_new = None
        if Enum_base_placeholder[0] is not None and '__new__' in body:
            user_new = body.pop('__new__')
            if isinstance(user_new, staticmethod):
                user_new = user_new.__func__
        enum_class = super().__new__(metacls, cls, bases, body, **kwds)
        type.__setattr__(enum_class, '_member_names_', [])
        type.__setattr__(enum_class, '_member_map_', {})
        type.__setattr__(enum_class, '_value2member_map_', {})
        type.__setattr__(enum_class, '_member_type_', member_type)
        is_flag = Flag is not None and first_enum is not None and issubclass(first_enum, Flag)
        type.__setattr__(enum_class, '_flag_mask_', 0)
        if Enum_base_placeholder[0] is not None:
            # Lookups by value go through Enum.__new__; members are made by _new_member_.
            type.__setattr__(enum_class, '__new__', Enum_base_placeholder[0].__dict__['__new__'])
        if first_enum is not None:
            # The mixed-in data type's repr/str/format would shadow Enum's in the MRO: put the
            # enum versions back unless the class body defines its own, as CPython does.
            for name in ('__repr__', '__str__', '__format__', '__reduce_ex__'):
                if name in body:
                    continue
                found = getattr(enum_class, name)
                if found == getattr(member_type, name) or found == getattr(object, name):
                    type.__setattr__(enum_class, name, getattr(first_enum, name))
        if Flag is not None and issubclass(enum_class, Flag):
            # Same for the bitwise operators of int-based flags.
            for name in ('__or__', '__and__', '__xor__', '__ror__', '__rand__', '__rxor__', '__invert__'):
                if name not in body:
                    type.__setattr__(enum_class, name, Flag.__dict__[name])
        new_member = user_new
        if new_member is None:
            new_member = getattr(enum_class, '_new_member_', None)
        type.__setattr__(enum_class, '_new_member_', new_member)
        last_values = []
        for name, value in members:
            if isinstance(value, auto):
                if value.value is None:
                    value.value = enum_class._generate_next_value_(
                        name, 1, len(enum_class._member_names_), last_values[:])
                value = value.value
            elif isinstance(value, tuple) and any(isinstance(v, auto) for v in value):
                value = tuple(v.value if isinstance(v, auto) and v.value is not None else
                              (enum_class._generate_next_value_(name, 1, len(enum_class._member_names_),
                                                               last_values[:]) if isinstance(v, auto) else v)
                              for v in value)
            metacls._add_member_(enum_class, name, value, member_type, is_flag)
            last_values.append(value)
        if is_flag:
            mask = 0
            for m in enum_class._member_map_.values():
                if isinstance(m._value_, int):
                    mask |= m._value_
            type.__setattr__(enum_class, '_flag_mask_', mask)
        return enum_class

    @staticmethod
    def _get_mixins_(cls, bases):
        if not bases:
            return object, None
        first_enum = None
        for base in bases:
            if isinstance(base, EnumType):
                first_enum = base
        member_type = object
        for chain in bases:
            for base in chain.__mro__:
                if base is object:
                    continue
                if isinstance(base, EnumType):
                    if base._member_type_ is not object:
                        member_type = base._member_type_
                        break
                    continue
                if '__new__' in base.__dict__ or base in (int, str, float, bytes, tuple):
                    member_type = base
                    break
            if member_type is not object:
                break
        return member_type, first_enum

    @staticmethod
    def _add_member_(enum_class, name, value, member_type, is_flag):
        args = value if isinstance(value, tuple) else (value,)
        if member_type is tuple:
            args = (args,)
        new_member = enum_class._new_member_
        if new_member is not None:
            member = new_member(enum_class, *args)
        elif member_type is object:
            member = object.__new__(enum_class)
        else:
            member = member_type.__new__(enum_class, *args)
        try:
            has_value = '_value_' in member.__dict__
        except AttributeError:
            has_value = False
        if not has_value:
            if member_type is object:
                member._value_ = value
            else:
                try:
                    member._value_ = member_type(*args)
                except Exception:
                    member._value_ = value
        value = member._value_
        member._name_ = name
        member._sort_order_ = len(enum_class._member_names_)
        init = enum_class.__init__
        if init is not object.__init__:
            init(member, *args)
        canonical = None
        for other in enum_class._member_map_.values():
            if other._value_ == value:
                canonical = other
                break
        if canonical is not None:
            enum_class._member_map_[name] = canonical
            type.__setattr__(enum_class, name, canonical)
            return
        if is_flag and isinstance(value, int) and _bits(value) != 1 and value != 0:
            # A named multi-bit value is an alias-like member, not listed as canonical.
            enum_class._member_map_[name] = member
            try:
                enum_class._value2member_map_[value] = member
            except TypeError:
                pass
            type.__setattr__(enum_class, name, member)
            return
        enum_class._member_names_.append(name)
        enum_class._member_map_[name] = member
        try:
            enum_class._value2member_map_[value] = member
        except TypeError:
            pass
        type.__setattr__(enum_class, name, member)

    def __call__(cls, value, names=None, *, module=None, qualname=None, type=None, start=1,
                 boundary=None):
        if names is None:
            return cls.__new__(cls, value)
        return cls._create_(value, names, module=module, qualname=qualname, type=type, start=start)

    def _create_(cls, class_name, names, *, module=None, qualname=None, type=None, start=1):
        bases = (cls,) if type is None else (type, cls)
        classdict = {}
        if isinstance(names, str):
            names = names.replace(',', ' ').split()
        if isinstance(names, (tuple, list)) and names and isinstance(names[0], str):
            original = names
            names = []
            last_values = []
            for count, name in enumerate(original):
                value = cls._generate_next_value_(name, start, count, last_values[:])
                last_values.append(value)
                names.append((name, value))
        if isinstance(names, dict):
            names = list(names.items())
        for item in names:
            if isinstance(item, str):
                member_name, member_value = item, names[item]
            else:
                member_name, member_value = item
            classdict[member_name] = member_value
        result = EnumType.__new__(EnumType, class_name, bases, classdict)
        result.__module__ = module if module is not None else '__main__'
        if qualname is not None:
            result.__qualname__ = qualname
        return result

    def __contains__(cls, member):
        if not isinstance(member, Enum):
            raise TypeError("unsupported operand type(s) for 'in': '%s' and '%s'"
                            % (type(member).__qualname__, type(cls).__qualname__))
        return isinstance(member, cls) and member._name_ in cls._member_map_

    def __delattr__(cls, attr):
        if attr in cls._member_map_:
            raise AttributeError('%r cannot delete member %r.' % (cls, attr))
        super().__delattr__(attr)

    def __getitem__(cls, name):
        return cls._member_map_[name]

    def __iter__(cls):
        return (cls._member_map_[name] for name in cls._member_names_)

    def __reversed__(cls):
        return (cls._member_map_[name] for name in reversed(cls._member_names_))

    def __len__(cls):
        return len(cls._member_names_)

    def __bool__(cls):
        return True

    @_builtin_property
    def __members__(cls):
        return dict(cls._member_map_)

    def __repr__(cls):
        if Flag is not None and issubclass(cls, Flag):
            return "<flag %r>" % cls.__name__
        return "<enum %r>" % cls.__name__

    def __setattr__(cls, name, value):
        member_map = cls.__dict__.get('_member_map_', {})
        if name in member_map:
            raise AttributeError('cannot reassign member %r' % (name,))
        super().__setattr__(name, value)


EnumMeta = EnumType
Enum_base_placeholder = [None]
Flag = None


class Enum(metaclass=EnumType):
    """Create a collection of name/value pairs."""

    def __new__(cls, value):
        if type(value) is cls:
            return value
        try:
            return cls._value2member_map_[value]
        except (KeyError, TypeError):
            pass
        for member in cls._member_map_.values():
            if member._value_ == value:
                return member
        result = cls._missing_(value)
        if isinstance(result, cls):
            return result
        if result is not None:
            raise TypeError('error in %s._missing_: returned %r instead of None or a valid member'
                            % (cls.__name__, result))
        raise ValueError('%r is not a valid %s' % (value, cls.__qualname__))

    def __init__(self, *args, **kwds):
        pass

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        for v in reversed(last_values):
            try:
                return v + 1
            except TypeError:
                pass
        return start

    @classmethod
    def _missing_(cls, value):
        return None

    def __repr__(self):
        value_repr = repr(self._value_) if self.__class__._member_type_ is object else \
            self.__class__._member_type_.__repr__(self._value_)
        return '<%s.%s: %s>' % (self.__class__.__name__, self._name_, value_repr)

    def __str__(self):
        return '%s.%s' % (self.__class__.__name__, self._name_)

    def __format__(self, format_spec):
        return str.__format__(str(self), format_spec)

    def __hash__(self):
        return hash(self._name_)

    def __reduce_ex__(self, proto):
        return self.__class__, (self._value_,)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    @_builtin_property
    def name(self):
        return self._name_

    @_builtin_property
    def value(self):
        return self._value_


Enum_base_placeholder[0] = Enum
# Enum's own __new__ looks members up; members themselves are made by the data type's __new__.
type.__setattr__(Enum, '_new_member_', None)


class ReprEnum(Enum):
    """Only changes the repr(), leaving str() and format() to the mixed-in type."""


def _int_of(other):
    return other._value_ if isinstance(other, _IntLike) else other


class _IntLike:
    """Stands in for the int base of IntEnum and IntFlag: pyvgc cannot subclass int, so members
    are not int instances (isinstance(member, int) is False) but behave as their int value in
    arithmetic, comparisons, hashing, indexing, formatting, int() and float()."""

    def __int__(self):
        return self._value_

    def __index__(self):
        return self._value_

    def __float__(self):
        return float(self._value_)

    def __bool__(self):
        return bool(self._value_)

    def __hash__(self):
        return hash(self._value_)

    def __eq__(self, other):
        return self._value_ == _int_of(other)

    def __ne__(self, other):
        return self._value_ != _int_of(other)

    def __lt__(self, other):
        return self._value_ < _int_of(other)

    def __le__(self, other):
        return self._value_ <= _int_of(other)

    def __gt__(self, other):
        return self._value_ > _int_of(other)

    def __ge__(self, other):
        return self._value_ >= _int_of(other)

    def __add__(self, other):
        return self._value_ + _int_of(other)

    def __radd__(self, other):
        return _int_of(other) + self._value_

    def __sub__(self, other):
        return self._value_ - _int_of(other)

    def __rsub__(self, other):
        return _int_of(other) - self._value_

    def __mul__(self, other):
        return self._value_ * _int_of(other)

    def __rmul__(self, other):
        return _int_of(other) * self._value_

    def __truediv__(self, other):
        return self._value_ / _int_of(other)

    def __rtruediv__(self, other):
        return _int_of(other) / self._value_

    def __floordiv__(self, other):
        return self._value_ // _int_of(other)

    def __rfloordiv__(self, other):
        return _int_of(other) // self._value_

    def __mod__(self, other):
        return self._value_ % _int_of(other)

    def __rmod__(self, other):
        return _int_of(other) % self._value_

    def __pow__(self, other):
        return self._value_ ** _int_of(other)

    def __rpow__(self, other):
        return _int_of(other) ** self._value_

    def __neg__(self):
        return -self._value_

    def __pos__(self):
        return +self._value_

    def __abs__(self):
        return abs(self._value_)

    def __lshift__(self, other):
        return self._value_ << _int_of(other)

    def __rshift__(self, other):
        return self._value_ >> _int_of(other)


class _IntBits:
    """The bitwise operators of IntEnum members (IntFlag has Flag's)."""

    def __and__(self, other):
        return self._value_ & _int_of(other)

    def __rand__(self, other):
        return _int_of(other) & self._value_

    def __or__(self, other):
        return self._value_ | _int_of(other)

    def __ror__(self, other):
        return _int_of(other) | self._value_

    def __xor__(self, other):
        return self._value_ ^ _int_of(other)

    def __rxor__(self, other):
        return _int_of(other) ^ self._value_

    def __invert__(self):
        return ~self._value_


class IntEnum(_IntLike, _IntBits, ReprEnum):
    """Enum where members behave as ints (see _IntLike for what pyvgc differs in)"""

    def __str__(self):
        return int.__repr__(self._value_)

    def __format__(self, format_spec):
        return int.__format__(self._value_, format_spec)


class StrEnum(str, ReprEnum):
    """Enum where members are also (and must be) strings"""

    def _new_member_(cls, *values):
        if len(values) > 3:
            raise TypeError('too many arguments for str(): %r' % (values,))
        if len(values) == 1 and not isinstance(values[0], str):
            raise TypeError('%r is not a string' % (values[0],))
        value = str(*values)
        member = str.__new__(cls, value)
        member._value_ = value
        return member

    def __str__(self):
        return str.__str__(self._value_)

    def __format__(self, format_spec):
        return str.__format__(self._value_, format_spec)

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return name.lower()


def _flag_names(cls, value):
    names = []
    for name in cls._member_names_:
        member = cls._member_map_[name]
        if member._value_ and member._value_ & value == member._value_:
            names.append(member)
    return names


class Flag(Enum):
    """Support for flags"""

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not count:
            return start if start is not None else 1
        high = max(last_values)
        if not isinstance(high, int):
            raise TypeError('invalid flag value %r' % (high,))
        return 1 << high.bit_length()

    @classmethod
    def _missing_(cls, value):
        if not isinstance(value, int):
            raise ValueError('%r is not a valid %s' % (value, cls.__qualname__))
        mask = cls._flag_mask_
        if value < 0:
            value = mask + 1 + value if not issubclass(cls, _IntLike) else value
        if value & ~mask and not issubclass(cls, _IntLike):
            raise ValueError('%r invalid value %d\n    given %s\n  allowed %s'
                             % (cls, value, _bin(value, mask), _bin(mask, value)))
        if cls._member_type_ is object:
            pseudo = object.__new__(cls)
        else:
            pseudo = cls._member_type_.__new__(cls, value)
        pseudo._value_ = value
        if value == 0:
            pseudo._name_ = None
        else:
            members = _flag_names(cls, value)
            covered = 0
            for m in members:
                covered |= m._value_
            if covered != value:
                pseudo._name_ = None
            else:
                pseudo._name_ = '|'.join(m._name_ for m in members)
        try:
            cls._value2member_map_[value] = pseudo
        except TypeError:
            pass
        return pseudo

    def __contains__(self, other):
        if not isinstance(other, self.__class__):
            raise TypeError("unsupported operand type(s) for 'in': '%s' and '%s'"
                            % (type(other).__qualname__, self.__class__.__qualname__))
        return other._value_ & self._value_ == other._value_

    def __iter__(self):
        return iter(_flag_names(self.__class__, self._value_))

    def __len__(self):
        return _bits(self._value_)

    def __repr__(self):
        cls_name = self.__class__.__name__
        value_repr = repr(self._value_)
        if self._name_ is None:
            return '<%s: %s>' % (cls_name, value_repr)
        return '<%s.%s: %s>' % (cls_name, self._name_, value_repr)

    def __str__(self):
        cls_name = self.__class__.__name__
        if self._name_ is None:
            return '%s(%r)' % (cls_name, self._value_)
        return '%s.%s' % (cls_name, self._name_)

    def __bool__(self):
        return bool(self._value_)

    def __or__(self, other):
        if isinstance(other, self.__class__):
            other = other._value_
        elif (self._member_type_ is not object and isinstance(other, self._member_type_)) or (isinstance(self, _IntLike) and isinstance(other, int)):
            pass
        else:
            return NotImplemented
        return self.__class__(self._value_ | other)

    def __and__(self, other):
        if isinstance(other, self.__class__):
            other = other._value_
        elif (self._member_type_ is not object and isinstance(other, self._member_type_)) or (isinstance(self, _IntLike) and isinstance(other, int)):
            pass
        else:
            return NotImplemented
        return self.__class__(self._value_ & other)

    def __xor__(self, other):
        if isinstance(other, self.__class__):
            other = other._value_
        elif (self._member_type_ is not object and isinstance(other, self._member_type_)) or (isinstance(self, _IntLike) and isinstance(other, int)):
            pass
        else:
            return NotImplemented
        return self.__class__(self._value_ ^ other)

    __ror__ = __or__
    __rand__ = __and__
    __rxor__ = __xor__

    def __invert__(self):
        return self.__class__(self.__class__._flag_mask_ & ~self._value_)


def _bin(num, other):
    width = max(num.bit_length(), other.bit_length())
    digits = format(num, 'b').rjust(width, '0')
    return '0b0 ' + digits


class IntFlag(_IntLike, ReprEnum, Flag):
    """Support for integer-based Flags"""

    def __str__(self):
        return int.__repr__(self._value_)

    def __format__(self, format_spec):
        return int.__format__(self._value_, format_spec)


def unique(enumeration):
    """Class decorator for enumerations ensuring unique member values."""
    duplicates = []
    for name, member in enumeration.__members__.items():
        if name != member.name:
            duplicates.append((name, member.name))
    if duplicates:
        alias_details = ', '.join('%s -> %s' % (alias, name) for (alias, name) in duplicates)
        raise ValueError('duplicate values found in %r: %s' % (enumeration, alias_details))
    return enumeration


def global_enum(cls):
    return cls


def verify(*checks):
    def decorator(enumeration):
        return enumeration
    return decorator


property = _builtin_property

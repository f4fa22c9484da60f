# Private names (__x) are mangled to _Class__x inside class bodies, so subclasses do not clash.
class A:
    def __init__(s): s.__y = 2; s.__z__ = 3
    def __get(s): return s.__y
    def get(s): return s.__get()
class B(A):
    def __init__(s): super().__init__(); s.__y = 5
    def g(s): return s.__y
b = B()
print(sorted(vars(b).items()), b.get(), b.g(), b._A__y)
class __C:
    __q = 1
print(__C.__dict__.get('__q'))

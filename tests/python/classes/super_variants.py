# super() with explicit arguments, in classmethods, and super().__init__ chains through kwargs.
class Base:
    def __init__(self, **kw):
        self.log = ["Base"]
    @classmethod
    def create(cls):
        return f"create {cls.__name__}"
class Left(Base):
    def __init__(self, left=0, **kw):
        super().__init__(**kw)
        self.log.append(f"Left {left}")
class Right(Base):
    def __init__(self, right=0, **kw):
        super().__init__(**kw)
        self.log.append(f"Right {right}")
class Both(Left, Right):
    def __init__(self, **kw):
        super(Both, self).__init__(**kw)
        self.log.append("Both")
    @classmethod
    def create(cls):
        return "sub " + super().create()
print(Both(left=1, right=2).log, Both.create())

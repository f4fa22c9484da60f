# Custom exception classes with extra fields, __str__ overrides and hierarchies.
class AppError(Exception):
    pass
class NotFound(AppError):
    def __init__(self, key):
        super().__init__(f"not found: {key}")
        self.key = key
class Invalid(AppError):
    def __init__(self, field, reason):
        self.field, self.reason = field, reason
    def __str__(self):
        return f"{self.field} is invalid ({self.reason})"
for exc in [NotFound("user42"), Invalid("email", "no @"), AppError("generic", 2)]:
    try:
        raise exc
    except AppError as e:
        print(type(e).__name__, str(e), e.args, isinstance(e, Exception))
print(repr(NotFound("k")), repr(AppError()), repr(AppError("a", 1)))

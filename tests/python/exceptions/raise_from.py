# raise ... from sets __cause__; from None suppresses context.
class ConfigError(Exception):
    pass
def load(text):
    try:
        return int(text)
    except ValueError as e:
        raise ConfigError(f"bad config: {text!r}") from e
try:
    load("x")
except ConfigError as e:
    print(e, type(e.__cause__).__name__, e.__cause__, e.__suppress_context__)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise KeyError("k") from None
except KeyError as e:
    print(repr(e), e.__cause__, type(e.__context__).__name__, e.__suppress_context__)

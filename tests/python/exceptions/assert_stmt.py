# assert with and without message; AssertionError carries the message.
assert 1 + 1 == 2
assert True, "never shown"
try:
    assert 1 > 2, "math is broken"
except AssertionError as e:
    print("AssertionError:", e, e.args)
try:
    assert []
except AssertionError as e:
    print("bare AssertionError:", repr(e))
x = 5
try:
    assert x < 0, f"x={x} should be negative"
except AssertionError as e:
    print(e)

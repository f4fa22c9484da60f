# Exceptions raised in __enter__ skip the body and __exit__; exceptions in __exit__ replace the original.
class BadEnter:
    def __enter__(self):
        raise RuntimeError("enter failed")
    def __exit__(self, *a):
        print("not called")
try:
    with BadEnter():
        print("not run")
except RuntimeError as e:
    print("RuntimeError:", e)
class BadExit:
    def __enter__(self):
        return self
    def __exit__(self, et, ev, tb):
        raise ValueError(f"exit failed while handling {et.__name__ if et else None}")
try:
    with BadExit():
        raise KeyError("original")
except ValueError as e:
    print("ValueError:", e, "| context:", repr(e.__context__))
def early_return():
    with CMRet():
        return "returned from body"
class CMRet:
    def __enter__(self): print("enter")
    def __exit__(self, *a): print("exit on return")
print(early_return())

# An uncaught custom exception: the last traceback line is "module-less" class name and message.
class InventoryError(Exception):
    pass
def take(stock, n):
    if n > stock:
        raise InventoryError(f"only {stock} left, asked for {n}")
    return stock - n
s = take(10, 3)
print(s)
take(s, 9)

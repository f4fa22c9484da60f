# decimal for money: exact sums, quantize with ROUND_HALF_UP, division at context precision, format.
from decimal import Decimal, ROUND_HALF_UP, getcontext, localcontext, InvalidOperation
prices = [Decimal("19.99"), Decimal("5.10"), Decimal("0.35")]
qty = [3, 2, 7]
subtotal = sum(p * q for p, q in zip(prices, qty))
tax = (subtotal * Decimal("0.0825")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
print(subtotal, tax, subtotal + tax, f"{subtotal + tax:>10.2f}", repr(tax))
print(Decimal(1) / Decimal(7), Decimal("0.1") + Decimal("0.2") == Decimal("0.3"), 0.1 + 0.2 == 0.3)
with localcontext() as ctx:
    ctx.prec = 6
    print(Decimal(2).sqrt(), Decimal(1) / Decimal(3))
print(getcontext().prec, round(Decimal("2.675"), 2), Decimal(0.1), int(Decimal("-7.9")), float(Decimal("1.25")))
print(sorted([Decimal("1.50"), Decimal("-3"), Decimal("1.5")]), Decimal("1.0") == 1, hash(Decimal("2.0")) == hash(2))
try:
    Decimal("12,50")
except InvalidOperation as e:
    print("InvalidOperation", e)

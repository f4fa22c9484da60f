# Format specs for floats: f, e, g, %, precision, width, sign, grouping, and %-formatting.
x = 1234.56789
print(f"{x:.2f} {x:10.3f} {x:<12.1f}| {x:e} {x:.3E} {x:g} {x:.3g} {x:,.2f} {0.25:%} {0.25:.1%}")
print(f"{-x:+.1f} {x:+.1f} {x: .1f} {x:012.2f} {x:^14.2f}|")
for v in [0.0001, 1e-10, 123456789.0, 1e16, 0.5, 2.5, 1.0]:
    print(f"{v} {v:g} {v:.10g} {v:.1e} {v:.0f}")
print("%.3f %10.2f %-10.2f| %e %g %G" % (3.14159, 2.5, 2.5, 12345.678, 0.00001234, 1e-20))
print(format(3.0), format(3.0, ""), format(1e100, ".3"), format(float("inf"), "f"), format(float("nan"), "5.1f"))
print(str(1e16), str(1.0e-7), "{:.2f}".format(2.675), "{:.1f}".format(0.05))

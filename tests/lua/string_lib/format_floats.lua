-- string.format float conversions %f %e %g with widths and precisions.
print(string.format("%f %.2f %5.2f %-8.3f| %08.3f", 3.14159, 3.14159, 3.14159, 3.14159, -3.14159))
print(string.format("%e %.2e %E", 12345.678, 0.000123, 1e100))
print(string.format("%g %g %g %g %g", 100000, 1000000, 1e-4, 1e-5, 0.1))
print(string.format("%.3g %.10g %g", 2/3, 2/3, 2^53))
print(string.format("%.0f %.0f %.0f %.0f", 0.5, 1.5, 2.5, -0.5))
print(string.format("%f %g", 1, 1), string.format("%5.1f", 99.95))
print(string.format("%.14g", 0.1), string.format("%.17g", 0.1))
print(string.format("%.3f", 1e15), string.format("%10.4f|", math.pi))

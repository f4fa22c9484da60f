# sys.exit with an int status ends the program with that exit code.
import sys
print("before exit")
sys.stdout.flush()
sys.exit(3)
print("never printed")

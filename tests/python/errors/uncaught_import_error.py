# Importing a module that does not exist, uncaught.
print("before import")
import module_that_does_not_exist

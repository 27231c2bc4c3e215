// Empty: the target exists for FuzzerDriver.h (a C target needs one source file).

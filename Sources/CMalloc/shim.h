// glibc's malloc tuning (`mallopt`), which the Glibc module does not import: see SupportPlanCLI/main.swift.
#include <malloc.h>

// libFuzzer's driver, called from Swift (Tests/Fuzz/Target): SwiftPM links an executable with its own
// `main`, so the fuzz target's `main` starts libFuzzer through this entry point instead of libFuzzer's.
#ifndef SUPPORTPLAN_FUZZER_DRIVER_H
#define SUPPORTPLAN_FUZZER_DRIVER_H
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif

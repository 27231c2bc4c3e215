import Glibc

/// Runs the program on a thread with a 512 MiB stack (reserved, touched only as used); the main thread
/// blocks SIGINT so that Ctrl-C interrupts the program thread's blocking read.
enum BigStack {
    private final class Box: @unchecked Sendable {
        let body: () -> Int32
        var result: Int32 = 0
        init(_ body: @escaping () -> Int32) { self.body = body }
    }

    static func run(_ body: @escaping () -> Int32) -> Int32 {
        let box = Box(body)
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        pthread_attr_setstacksize(&attributes, 512 << 20)
        var thread = pthread_t()
        let context = Unmanaged.passRetained(box).toOpaque()
        let created = pthread_create(
            &thread, &attributes,
            { raw in
                guard let raw else { return nil }
                let box = Unmanaged<Box>.fromOpaque(raw).takeRetainedValue()
                box.result = box.body()
                return nil
            }, context)
        pthread_attr_destroy(&attributes)
        if created != 0 {
            let box = Unmanaged<Box>.fromOpaque(context).takeRetainedValue()
            return box.body()
        }
        // Ctrl-C must reach the thread that reads the line (so its read returns EINTR), not this one.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        pthread_sigmask(SIG_BLOCK, &signals, nil)
        pthread_join(thread, nil)
        return box.result
    }
}

internal import CLibEdit
import Glibc

extension EditLineReader {
    /// The name of the editor function bound to Tab.
    static let completeFunctionName = "supportplan-complete"

    /// Registers the completion function with libedit and binds it to Tab.
    func installCompletion() {
        _ = clibedit_add_function(
            editor, Self.completeFunctionName, "Complete the word before the cursor", completeFromLibEdit)
        _ = clibedit_bind(editor, "^I", Self.completeFunctionName)
    }

    /// Completes the word before the cursor; returns a libedit `CC_*` code telling it what to redraw.
    func complete() -> UInt8 {
        guard let info = el_line(editor) else {
            return UInt8(CC_ERROR)
        }
        let length = info.pointee.buffer.distance(to: info.pointee.cursor)
        let before = UnsafeRawBufferPointer(start: info.pointee.buffer, count: Swift.max(0, length))
        let lineBeforeCursor = String(decoding: before, as: UTF8.self)
        guard let edit = completer(lineBeforeCursor).edit(lineBeforeCursor: lineBeforeCursor) else {
            return UInt8(CC_REFRESH_BEEP)
        }
        if edit.deleteScalars > 0 {
            el_deletestr(editor, Int32(edit.deleteScalars))
        }
        if !edit.insert.isEmpty, el_insertstr(editor, edit.insert) != 0 {
            return UInt8(CC_REFRESH_BEEP)
        }
        guard !edit.choices.isEmpty else {
            return UInt8(CC_REFRESH)
        }
        let width = Int(clibedit_terminal_columns(fileno(output)))
        let rows = Completion.listing(of: edit.choices, width: width > 0 ? width : 80)
        clibedit_print(output, "\n" + rows.joined(separator: "\n") + "\n")
        return UInt8(CC_REDISPLAY)
    }
}

/// The C entry point of Tab: finds the reader through the editor's client data and completes.
private func completeFromLibEdit(_ editor: OpaquePointer?, _ key: Int32) -> UInt8 {
    guard let editor, let client = clibedit_get_client(editor), let context = client.pointee.context else {
        return UInt8(CC_ERROR)
    }
    return Unmanaged<EditLineReader>.fromOpaque(context).takeUnretainedValue().complete()
}

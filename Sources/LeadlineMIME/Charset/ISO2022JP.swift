/// ISO-2022-JP read as Microsoft's CP50221 does: the escape sequences are undone into EUC-JP and decoded with
/// EUC-JP-MS, so the NEC and IBM extensions Japanese mail programs send (row 13 symbols such as `№`, `①`) survive.
/// glibc's ISO-2022-JP rejects them.
enum ISO2022JP {
    private enum Mode { case ascii, jis0208, katakana, jis0212 }

    /// The EUC-JP bytes for ISO-2022-JP input.
    static func toEUCJP(_ input: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var mode = Mode.ascii
        var index = 0
        while index < input.count {
            let byte = input[index]
            if byte == 0x1B, index + 2 < input.count {
                let (a, b) = (input[index + 1], input[index + 2])
                switch (a, b) {
                case (0x28, 0x42), (0x28, 0x4A), (0x28, 0x48): mode = .ascii; index += 3; continue
                case (0x28, 0x49): mode = .katakana; index += 3; continue
                case (0x24, 0x42), (0x24, 0x40): mode = .jis0208; index += 3; continue
                case (0x24, 0x28) where index + 3 < input.count && input[index + 3] == 0x44:
                    mode = .jis0212; index += 4; continue
                case (0x24, 0x28) where index + 3 < input.count && (input[index + 3] == 0x51 || input[index + 3] == 0x4F):
                    mode = .jis0208; index += 4; continue
                default: break
                }
            }
            if byte == 0x0E { mode = .katakana; index += 1; continue }
            if byte == 0x0F { mode = .ascii; index += 1; continue }
            switch mode {
            case .ascii:
                output.append(byte)
                index += 1
            case .katakana:
                if byte >= 0x21 && byte <= 0x5F { output.append(0x8E); output.append(byte + 0x80) } else { output.append(byte) }
                index += 1
            case .jis0208, .jis0212:
                if byte < 0x21 || byte > 0x7E || index + 1 >= input.count {
                    output.append(byte) // line breaks and spaces pass through
                    index += 1
                    continue
                }
                if mode == .jis0212 { output.append(0x8F) }
                output.append(byte | 0x80)
                output.append(input[index + 1] | 0x80)
                index += 2
            }
        }
        return output
    }
}

#include "features/npy.h"

#include "base/atomicfile.h"

#include <bit>
#include <cstring>
#include <regex>

namespace genrescope::features {

using base::ErrorCode;
using base::makeError;

static_assert(std::endian::native == std::endian::little, "the .npy writer assumes a little-endian host");

std::string npyBytes(const FeatureTensor &tensor)
{
    std::string shape = "(";
    for (std::size_t i = 0; i < tensor.shape.size(); ++i)
        shape += std::to_string(tensor.shape[i]) + (tensor.shape.size() == 1 || i + 1 < tensor.shape.size() ? "," : "");
    shape += ")";
    std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
    // Magic (6) + version (2) + header length (2) + header + '\n' is a multiple of 64.
    const std::size_t unpadded = 10 + header.size() + 1;
    header.append((64 - unpadded % 64) % 64, ' ');
    header += '\n';
    std::string out = std::string("\x93NUMPY\x01\x00", 8);
    const auto len = static_cast<std::uint16_t>(header.size());
    out += char(len & 0xff);
    out += char(len >> 8);
    out += header;
    const std::size_t at = out.size();
    out.resize(at + tensor.data.size() * sizeof(float));
    std::memcpy(out.data() + at, tensor.data.data(), tensor.data.size() * sizeof(float));
    return out;
}

base::Result<FeatureTensor> parseNpy(std::string_view b)
{
    if (b.size() < 10 || b.substr(0, 6) != std::string_view("\x93NUMPY", 6))
        return makeError(ErrorCode::BadFormat, "not a .npy file");
    const int major = static_cast<unsigned char>(b[6]);
    std::size_t headerLen, headerAt;
    if (major == 1) {
        headerLen = static_cast<unsigned char>(b[8]) | (std::size_t(static_cast<unsigned char>(b[9])) << 8);
        headerAt = 10;
    } else if (major == 2 || major == 3) {
        if (b.size() < 12)
            return makeError(ErrorCode::BadFormat, "truncated .npy header");
        headerLen = 0;
        for (int i = 3; i >= 0; --i)
            headerLen = (headerLen << 8) | static_cast<unsigned char>(b[8 + std::size_t(i)]);
        headerAt = 12;
    } else {
        return makeError(ErrorCode::BadFormat, ".npy version " + std::to_string(major) + " is not supported");
    }
    if (b.size() < headerAt + headerLen)
        return makeError(ErrorCode::BadFormat, "truncated .npy header");
    const std::string header(b.substr(headerAt, headerLen));
    std::smatch m;
    if (!std::regex_search(header, m, std::regex(R"('descr'\s*:\s*'([<|=]?)(f4|f8)')")))
        return makeError(ErrorCode::BadFormat, ".npy dtype must be little-endian float32 or float64");
    const bool f64 = m[2] == "f8";
    if (std::regex_search(header, std::regex(R"('fortran_order'\s*:\s*True)")))
        return makeError(ErrorCode::BadFormat, ".npy in Fortran order is not supported");
    if (!std::regex_search(header, m, std::regex(R"('shape'\s*:\s*\(([^)]*)\))")))
        return makeError(ErrorCode::BadFormat, ".npy header has no shape");
    FeatureTensor t;
    const std::string dims = m[1];
    std::size_t count = 1;
    const std::regex digits(R"(\d+)");
    for (auto it = std::sregex_iterator(dims.begin(), dims.end(), digits); it != std::sregex_iterator(); ++it) {
        t.shape.push_back(std::stoll(it->str()));
        count *= std::size_t(t.shape.back());
    }
    const std::size_t elem = f64 ? 8 : 4;
    const std::size_t dataAt = headerAt + headerLen;
    if (b.size() - dataAt < count * elem)
        return makeError(ErrorCode::BadFormat, "truncated .npy data");
    t.data.resize(count);
    if (f64) {
        for (std::size_t i = 0; i < count; ++i) {
            double d;
            std::memcpy(&d, b.data() + dataAt + i * 8, 8);
            t.data[i] = float(d);
        }
    } else {
        std::memcpy(t.data.data(), b.data() + dataAt, count * 4);
    }
    return t;
}

base::Status writeNpy(const std::filesystem::path &path, const FeatureTensor &tensor)
{
    return base::writeFileAtomically(path, npyBytes(tensor));
}

base::Result<FeatureTensor> readNpy(const std::filesystem::path &path)
{
    auto bytes = base::readFile(path);
    if (!bytes)
        return bytes.error();
    return parseNpy(*bytes);
}

} // namespace genrescope::features

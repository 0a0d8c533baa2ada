#pragma once

#include "base/result.h"
#include "features/featuretensor.h"

#include <filesystem>
#include <string>
#include <string_view>

namespace genrescope::features {

/** NumPy .npy format 1.0 bytes of a little-endian float32 (<f4) C-order array with the tensor's shape. */
std::string npyBytes(const FeatureTensor &tensor);

/** Parse .npy bytes holding a float32 or float64 C-order array (version 1.x/2.x header); float64 is
 *  narrowed to float. BadFormat for anything else (other dtypes, Fortran order, truncated data). */
base::Result<FeatureTensor> parseNpy(std::string_view bytes);

/** writeFileAtomically(path, npyBytes(tensor)). */
base::Status writeNpy(const std::filesystem::path &path, const FeatureTensor &tensor);
/** readFile(path) then parseNpy. */
base::Result<FeatureTensor> readNpy(const std::filesystem::path &path);

} // namespace genrescope::features

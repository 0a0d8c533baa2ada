#include "traininginfo.h"
namespace genrescope::training {
int checkpointFormatVersion() { return kCheckpointFormatVersion; }
} // namespace genrescope::training

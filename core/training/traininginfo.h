#pragma once
namespace genrescope::training {
/** Version of the checkpoint file layout. */
inline constexpr int kCheckpointFormatVersion = 1;
int checkpointFormatVersion();
} // namespace genrescope::training

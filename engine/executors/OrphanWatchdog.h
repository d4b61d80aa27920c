#pragma once

// The last word on a step's processes when the program dies, even of SIGKILL: a small shell
// script started once (when the first Shell step starts) that waits for the end of a pipe
// only the program holds, then kills every process tagged as one of this program's steps
// (ProcessTag.h), again and again for up to 2 s until none is left (a dying shell's children
// may fork meanwhile). It lives in a session of its own, ignores the signals a terminal or a
// `kill` of our group sends, and holds no descriptor of ours.
//
// Also makes the program a child subreaper (PR_SET_CHILD_SUBREAPER), so that what a step
// leaves behind when its shell exits becomes our child, for the orphan sweep (OrphanSweep.h),
// instead of init's.
namespace pw::engine {

void ensureOrphanWatchdog();

} // namespace pw::engine

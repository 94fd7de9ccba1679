// Preloaded (`node --import`) into a measured server process: answers the bench's IPC
// question with this process's CPU time and, after a forced GC when asked (`--expose-gc`),
// its memory. Plain JavaScript so the measured CLI runs with no loader but its own.
if (process.send) {
  process.on('message', (m) => {
    if (m?.probe !== 'usage') return;
    if (m.gc) globalThis.gc?.();
    process.send({ probe: 'usage', id: m.id, cpu: process.cpuUsage(), memory: process.memoryUsage(), gc: typeof globalThis.gc === 'function' });
  });
  // The channel must not keep a server alive once it has stopped.
  process.channel?.unref();
}

using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

// What a process allocated, by type and by call stack, from the GC's AllocationTick events (one per
// ~100 KB allocated) in a trace taken with:
//   dotnet-trace collect -p PID --providers Microsoft-Windows-DotNETRuntime:0x1:5 --duration 00:00:00:40 -o x.nettrace
// Usage: AllocationReport x.nettrace [loh|soh] [frames] [stacks]   (docs/benchmarks.md, "Memory")
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: AllocationReport <trace.nettrace> [loh|soh] [frames=14] [stacks=12]");
    return 2;
}
var heap = args.Length > 1 ? args[1] : "loh";
var frames = args.Length > 2 ? int.Parse(args[2]) : 14;
var stacks = args.Length > 3 ? int.Parse(args[3]) : 12;

using var log = TraceLog.OpenOrConvert(TraceLog.CreateFromEventPipeDataFile(args[0]));
var byType = new Dictionary<string, long>();
var byStack = new Dictionary<string, long>();
long large = 0, small = 0;
foreach (var e in log.Events)
{
    if (e is not GCAllocationTickTraceData tick)
        continue;
    var isLarge = tick.AllocationKind == GCAllocationKind.Large;
    if (isLarge) large += tick.AllocationAmount64; else small += tick.AllocationAmount64;
    if (isLarge != (heap == "loh"))
        continue;
    var type = tick.TypeName ?? "?";
    byType[type] = byType.GetValueOrDefault(type) + tick.AllocationAmount64;
    var names = new List<string>();
    for (var frame = e.CallStack(); frame is not null && names.Count < frames; frame = frame.Caller)
        if (frame.CodeAddress.FullMethodName is { Length: > 0 } name && !name.Contains("ExecutionContext") && !name.Contains("AsyncStateMachineBox") && !name.Contains("AsyncMethodBuilderCore"))
            names.Add(name.Length > 150 ? name[..150] : name);
    var key = type + "\n    " + string.Join("\n    ", names);
    byStack[key] = byStack.GetValueOrDefault(key) + tick.AllocationAmount64;
}

Console.WriteLine($"sampled: large-object heap {large / 1048576.0:F1} MB, small-object heap {small / 1048576.0:F1} MB");
foreach (var (type, bytes) in byType.OrderByDescending(p => p.Value).Take(25))
    Console.WriteLine($"{bytes / 1048576.0,8:F1} MB  {type}");
foreach (var (stack, bytes) in byStack.OrderByDescending(p => p.Value).Take(stacks))
    Console.WriteLine($"\n{bytes / 1048576.0,8:F1} MB  {stack}");
return 0;

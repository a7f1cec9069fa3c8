namespace EVoting.Api.Outcomes;

/// <summary>A service's answer: a value, or the <see cref="Failure"/> saying why there is none.</summary>
public readonly struct Outcome<T> where T : class
{
    private Outcome(T? value, Failure? failure)
    {
        Value = value;
        Failure = failure;
    }

    public T? Value { get; }
    public Failure? Failure { get; }

    public bool Succeeded => Failure is null;

    public static implicit operator Outcome<T>(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);
    public static implicit operator Outcome<T>(Failure failure) => new(null, failure ?? throw new ArgumentNullException(nameof(failure)));

    public override string ToString() => Failure?.ToString() ?? Value!.ToString()!;
}

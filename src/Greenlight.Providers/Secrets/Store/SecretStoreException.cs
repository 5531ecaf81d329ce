namespace Greenlight.Providers.Secrets.Store;

/// <summary>The local store cannot do what was asked. The message says what and why, never a value or the key.</summary>
public sealed class SecretStoreException(string message, Exception? inner = null) : Exception(message, inner);

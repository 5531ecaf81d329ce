using System.Globalization;
using Greenlight.Core.Manifest;
using Greenlight.Core.Secrets;

namespace Greenlight.Providers.Secrets.Files;

/// <summary><c>file:&lt;path&gt;</c>: the whole content of a file, as UTF-8 text, exactly as it is (a final newline
/// too). Its version is its last write time, so that replacing the file counts as a rotation.</summary>
internal sealed class FileSecretProvider : ISecretProvider
{
    public string Name => SecretReference.File;

    public async Task<SecretValue> GetAsync(SecretReference reference, CancellationToken cancellationToken)
    {
        try
        {
            if (Directory.Exists(reference.Path))
                throw new SecretUnavailableException($"{reference}: it is a directory, not a file");
            var info = new FileInfo(reference.Path);
            if (info.Exists && info.Length > SecretValue.MaxLength)
                throw new SecretUnavailableException($"{reference}: the file has {info.Length} bytes, more than {SecretValue.MaxLength}, the most a secret may hold");
            var version = File.GetLastWriteTimeUtc(reference.Path).ToString("O", CultureInfo.InvariantCulture);
            return new SecretValue(await File.ReadAllTextAsync(reference.Path, cancellationToken), version);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new SecretUnavailableException($"{reference}: there is no such file", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new SecretUnavailableException($"{reference}: the controller may not read the file", e);
        }
        catch (IOException e)
        {
            throw new SecretUnavailableException($"{reference}: cannot read the file: {e.Message}", e);
        }
    }
}

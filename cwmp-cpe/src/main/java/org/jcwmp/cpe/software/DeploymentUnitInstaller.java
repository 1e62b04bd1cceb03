package org.jcwmp.cpe.software;

import java.nio.file.Path;
import org.jcwmp.cpe.model.CpeFaultException;

/**
 * What installs, updates and removes deployment units on the real device, and starts and stops their execution
 * units. Called on the software-module thread (one operation at a time) before the data model shows the result; a
 * {@link CpeFaultException} fails the operation with its code (e.g. 9025 package does not fit the execution
 * environment, 9027 system resources exceeded, 9018 unusable package).
 *
 * <p>{@link #recordOnly()} is the default: the data model is the whole device.
 */
public interface DeploymentUnitInstaller {

    /**
     * A deployment unit as the installer sees it.
     *
     * @param uuid             its UUID (lower case)
     * @param executionEnvRef  e.g. "Device.SoftwareModules.ExecEnv.1"
     * @param url              where the package came from (empty when installed from a local file)
     */
    record DeploymentUnit(String uuid, String executionEnvRef, String url, DeploymentUnitPackage manifest) {
    }

    /** @param packageFile the downloaded manifest, deleted after this returns */
    void install(DeploymentUnit unit, Path packageFile) throws CpeFaultException;

    /** @param unit the new version */
    void update(DeploymentUnit unit, Path packageFile) throws CpeFaultException;

    void uninstall(DeploymentUnit unit) throws CpeFaultException;

    /** Starts an execution unit (RequestedState Active, or AutoStart at install). */
    default void start(String euid) throws CpeFaultException {
    }

    /** Stops an execution unit (RequestedState Idle, or before its deployment unit is uninstalled). */
    default void stop(String euid) throws CpeFaultException {
    }

    /** Installs nothing anywhere: the deployment units exist only in the data model. */
    static DeploymentUnitInstaller recordOnly() {
        return new DeploymentUnitInstaller() {
            @Override
            public void install(DeploymentUnit unit, Path packageFile) {
            }

            @Override
            public void update(DeploymentUnit unit, Path packageFile) {
            }

            @Override
            public void uninstall(DeploymentUnit unit) {
            }
        };
    }
}

/** Argument checks shared by the configuration builders of every module. */
package dev.toolkit.core.config;

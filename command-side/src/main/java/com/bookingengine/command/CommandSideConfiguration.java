package com.bookingengine.command;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;

/**
 * Everything the command side contributes to an application: aggregates, command handlers and command
 * endpoints. Imported by {@link CommandSideApplication} and by the standalone jar.
 */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
@ComponentScan(excludeFilters = @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootApplication.class))
public class CommandSideConfiguration {
}
